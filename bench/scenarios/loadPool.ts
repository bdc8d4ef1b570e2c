import { count, latencySummary, merge, type Histogram } from '../lib/stats';
import type { LoadResult } from './load';

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/**
 * Repetitions of one case (same server, editors, documents) as one result: latency samples
 * pooled into one histogram, rates and CPU averaged, worst values kept. A tail of a few
 * milliseconds at light load moved by ±40 % from one run to the next on this shared machine;
 * pooled runs give the p99 several times the samples.
 */
export function poolLoadResults(runs: LoadResult[]): LoadResult {
  const first = runs[0]!;
  if (runs.length === 1) return first;
  const pooled = (pick: (h: LoadResult['histograms']) => Histogram) => runs.reduce<Histogram>((h, r) => merge(h, pick(r.histograms)), {});
  const all = pooled((h) => h.all);
  const probes = pooled((h) => h.probes);
  const probeToProbe = pooled((h) => h.probeToProbe);
  const deliveries = runs.reduce((a, r) => a + r.deliveries, 0);
  const expected = runs.reduce((a, r) => a + r.expectedDeliveries, 0);
  return {
    ...first,
    connectMs: Math.max(...runs.map((r) => r.connectMs)),
    settleMs: Math.max(...runs.map((r) => r.settleMs)),
    latencyMs: latencySummary(all),
    probeLatencyMs: latencySummary(probes),
    probeSamples: count(probes),
    probeToProbeLatencyMs: latencySummary(probeToProbe),
    probeToProbeSamples: count(probeToProbe),
    runProbeToProbeP99Ms: runs.flatMap((r) => r.runProbeToProbeP99Ms),
    runProbeToProbeP50Ms: runs.flatMap((r) => r.runProbeToProbeP50Ms),
    keystrokesPerSec: mean(runs.map((r) => r.keystrokesPerSec)),
    deliveriesPerSec: mean(runs.map((r) => r.deliveriesPerSec)),
    deliveredRatio: deliveries / (expected || 1),
    serverCpuPercent: mean(runs.map((r) => r.serverCpuPercent)),
    serverRssMeanMiB: mean(runs.map((r) => r.serverRssMeanMiB)),
    serverRssMaxMiB: Math.max(...runs.map((r) => r.serverRssMaxMiB)),
    clientCpuPercent: mean(runs.map((r) => r.clientCpuPercent)),
    crowdLoopDelayP99Ms: Math.max(...runs.map((r) => r.crowdLoopDelayP99Ms)),
    probeLoopDelayP99Ms: Math.max(...runs.map((r) => r.probeLoopDelayP99Ms)),
    reconnects: runs.reduce((a, r) => a + r.reconnects, 0),
    closeCodes: runs.flatMap((r) => r.closeCodes),
    converged: runs.every((r) => r.converged),
    loadAverage: Math.max(...runs.map((r) => r.loadAverage)),
    runs: runs.length,
    deliveries,
    expectedDeliveries: expected,
    histograms: { all, probes, probeToProbe },
  };
}
