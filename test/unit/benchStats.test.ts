import { describe, expect, it } from 'vitest';
import { ratioInterval } from '../../bench/lib/stats';

describe('the interval the bench reports on paired run ratios', () => {
  it('is the geometric mean with a Student t interval on the logarithms', () => {
    const interval = ratioInterval([Math.exp(0.1), Math.exp(0.3)])!;
    // mean 0.2, sample sd 0.1414, two runs: t = 6.314, half-width 6.314 × 0.1414 / √2 = 0.6314
    expect(Math.log(interval.mean)).toBeCloseTo(0.2, 6);
    expect(Math.log(interval.low)).toBeCloseTo(0.2 - 0.6314, 3);
    expect(Math.log(interval.high)).toBeCloseTo(0.2 + 0.6314, 3);
  });

  it('holds 1 when the runs fall on both sides of parity, and not when they all lean one way', () => {
    const mixed = ratioInterval([0.9, 1.1, 1.0, 0.95, 1.05])!;
    expect(mixed.low).toBeLessThan(1);
    expect(mixed.high).toBeGreaterThan(1);
    const slower = ratioInterval([1.2, 1.25, 1.3, 1.22, 1.28])!;
    expect(slower.low).toBeGreaterThan(1);
  });

  it('needs two runs', () => {
    expect(ratioInterval([1.2])).toBeNull();
    expect(ratioInterval([1.2, Number.NaN])).toBeNull();
  });
});
