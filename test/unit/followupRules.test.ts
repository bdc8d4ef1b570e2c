import { describe, expect, it } from 'vitest';
import { indicatorUnit, parseIndicatorValue, readYearlyValue } from '../../schemas/indicatorUnits';
import { expectedValue, trajectoryStatus } from '../../server/governance/trajectory';

const baseline = { value: 40, date: '2024-12-31' };
const target = { value: 65, date: '2029-12-31' };

describe('trajectory status (docs/GOVERNANCE.md « Suivi des indicateurs »)', () => {
  it('expects a straight line from the dated baseline to the dated target, flat after it', () => {
    // 699 of 1 826 days: 40 + 25 × 699 / 1 826.
    expect(expectedValue(baseline, target, '2026-11-30')).toBeCloseTo(49.5701, 4);
    expect(expectedValue(baseline, target, '2024-01-01')).toBe(40);
    expect(expectedValue(baseline, target, '2031-06-30')).toBe(65);
  });

  it('is on track at or beyond the trajectory, at risk within 10 % of the gap, off track beyond', () => {
    const at = (value: number) => trajectoryStatus(baseline, target, { value, date: '2026-11-30' });
    expect([at(50), at(49.58), at(48), at(47.08), at(47)]).toEqual(['on_track', 'on_track', 'at_risk', 'at_risk', 'off_track']);
  });

  it('reads a falling target the other way round', () => {
    const down = (value: number) => trajectoryStatus({ value: 10, date: '2024-12-31' }, { value: 5, date: '2029-12-31' }, { value, date: '2026-12-31' });
    // 730 / 1 826 of the way: expected 10 − 5 × 0.39978 = 8.0011; tolerance 0.5.
    expect([down(8), down(8.4), down(8.6)]).toEqual(['on_track', 'at_risk', 'off_track']);
  });

  it('keeps a level within 10 % of it, and has no data without a value or a dated baseline', () => {
    const keep = (value: number) => trajectoryStatus({ value: 100, date: '2024-12-31' }, { value: 100, date: '2029-12-31' }, { value, date: '2025-12-31' });
    expect([keep(100), keep(95), keep(85)]).toEqual(['on_track', 'at_risk', 'off_track']);
    expect(trajectoryStatus(baseline, target, null)).toBe('no_data');
    expect(trajectoryStatus(null, target, { value: 50, date: '2025-12-31' })).toBe('no_data');
  });
});

describe('indicator units (docs/API.md « Units »)', () => {
  it('reads French numbers with their unit', () => {
    expect(parseIndicatorValue('≥ 85,5 %')).toEqual({ value: 85.5, unit: 'percent' });
    expect(parseIndicatorValue('1 200 000 €')).toEqual({ value: 1_200_000, unit: 'euros' });
    expect(parseIndicatorValue('1,5 M€')).toEqual({ value: 1_500_000, unit: 'euros' });
    expect(parseIndicatorValue('12 jours')).toEqual({ value: 12, unit: 'days' });
    expect(parseIndicatorValue('150 séjours')).toEqual({ value: 150, unit: 'count' });
    expect(parseIndicatorValue('0.8')).toEqual({ value: 0.8, unit: null });
    expect(parseIndicatorValue('à établir')).toBeNull();
    expect(parseIndicatorValue('en hausse')).toBeNull();
  });

  it('takes the unit from the target, the baseline, then the name', () => {
    expect(indicatorUnit({ valeurCible: '65 %', valeurOrigine: '40' })).toBe('percent');
    expect(indicatorUnit({ valeurCible: '5', valeurOrigine: '10 j' })).toBe('days');
    expect(indicatorUnit({ valeurCible: '220', indicateur: 'Séjours en HAD (nombre)' })).toBe('count');
    expect(indicatorUnit({ valeurCible: '0,9', indicateur: 'Ratio IDE / lit (ratio)' })).toBe('ratio');
    expect(indicatorUnit({ valeurCible: '3' })).toBe('number');
  });

  it('refuses what does not fit the unit', () => {
    expect(readYearlyValue('percent', 101)).toHaveProperty('error');
    expect(readYearlyValue('percent', '99,5 %')).toEqual({ value: 99.5 });
    expect(readYearlyValue('percent', '12 j')).toHaveProperty('error');
    expect(readYearlyValue('count', 2.5)).toHaveProperty('error');
    expect(readYearlyValue('days', -1)).toHaveProperty('error');
    expect(readYearlyValue('number', -1)).toEqual({ value: -1 });
    expect(readYearlyValue('euros', 'beaucoup')).toHaveProperty('error');
  });
});
