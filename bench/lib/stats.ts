/**
 * Latency histogram with logarithmic buckets (0.5 % wide): every worker fills its own and the
 * runner merges them, so millions of samples cost a few kilobytes of IPC.
 */
const growth = Math.log(1.005);

export const bucketOf = (micros: number): number => (micros <= 1 ? 0 : Math.ceil(Math.log(micros) / growth));
const upperBoundOf = (bucket: number): number => Math.exp(bucket * growth);

export type Histogram = Record<number, number>;

export function record(histogram: Histogram, micros: number): void {
  const b = bucketOf(micros);
  histogram[b] = (histogram[b] ?? 0) + 1;
}

export function merge(into: Histogram, from: Histogram): Histogram {
  for (const [b, n] of Object.entries(from)) into[Number(b)] = (into[Number(b)] ?? 0) + n;
  return into;
}

export function count(histogram: Histogram): number {
  return Object.values(histogram).reduce((a, b) => a + b, 0);
}

/** Percentiles in milliseconds (upper bound of the bucket holding the rank). */
export function percentiles(histogram: Histogram, ps: number[]): number[] {
  const buckets = Object.entries(histogram)
    .map(([b, n]) => [Number(b), n] as const)
    .sort((a, b) => a[0] - b[0]);
  const total = buckets.reduce((a, [, n]) => a + n, 0);
  return ps.map((p) => {
    if (total === 0) return NaN;
    const rank = Math.ceil((p / 100) * total);
    let seen = 0;
    for (const [b, n] of buckets) {
      seen += n;
      if (seen >= rank) return upperBoundOf(b) / 1000;
    }
    return upperBoundOf(buckets[buckets.length - 1]![0]) / 1000;
  });
}

export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** p50, p95, p99 and max of a histogram, in milliseconds. */
export function latencySummary(histogram: Histogram): Percentiles {
  const [p50, p95, p99, max] = percentiles(histogram, [50, 95, 99, 100]);
  return { p50: p50!, p95: p95!, p99: p99!, max: max! };
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/**
 * Exponent k of the best fit y = a·x^k (least squares on logs): 1 means linear growth, 2
 * quadratic, 0 flat.
 */
export function growthExponent(points: { x: number; y: number }[]): number {
  return slope(points.filter((p) => p.x > 0 && p.y > 0).map((p) => ({ x: Math.log(p.x), y: Math.log(p.y) })));
}

/** Least-squares slope of y over x. */
export function slope(points: { x: number; y: number }[]): number {
  const n = points.length;
  const mx = points.reduce((a, p) => a + p.x, 0) / n;
  const my = points.reduce((a, p) => a + p.y, 0) / n;
  const sxy = points.reduce((a, p) => a + (p.x - mx) * (p.y - my), 0);
  const sxx = points.reduce((a, p) => a + (p.x - mx) ** 2, 0);
  return sxy / sxx;
}

export function describeGrowth(k: number): string {
  if (k < 0.3) return 'flat';
  if (k < 0.8) return 'sublinear';
  if (k < 1.25) return 'linear';
  if (k < 1.75) return 'between linear and quadratic';
  if (k < 2.3) return 'quadratic';
  return 'superquadratic';
}

/** Two-sided 90 % quantiles of Student's t for 1–10 degrees of freedom; 1.645 (normal) beyond. */
const t90 = [6.314, 2.92, 2.353, 2.132, 2.015, 1.943, 1.895, 1.86, 1.833, 1.812];

/**
 * Geometric mean of ratios and its 90 % confidence interval (Student's t on their logarithms):
 * the ratios of runs paired back to back are roughly log-normal and independent of each other,
 * unlike the samples within a run, which one GC pause or one busy second moves together. An
 * interval that holds 1 means the runs cannot tell the two servers apart.
 */
export function ratioInterval(ratios: number[]): { mean: number; low: number; high: number } | null {
  const logs = ratios.filter((r) => Number.isFinite(r) && r > 0).map(Math.log);
  const n = logs.length;
  if (n < 2) return null;
  const mean = logs.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(logs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  const half = (t90[n - 2] ?? 1.645) * (sd / Math.sqrt(n));
  return { mean: Math.exp(mean), low: Math.exp(mean - half), high: Math.exp(mean + half) };
}
