import type { OpenResult } from '../scenarios/coldOpen';
import type { LoadResult } from '../scenarios/load';
import type { BurstResult } from '../scenarios/burst';
import type { Machine } from './machine';
import { describeGrowth, growthExponent, median, ratioInterval } from './stats';

const f = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '—');
const ratio = (ours: number, ref: number) => (ref > 0 ? f(ours / ref, 2) : '—');
const MB = 1024 * 1024;

export function machineMarkdown(machine: Machine, date: Date, loadBefore: number, loadAfter: number, durationS: number): string {
  return [
    `Machine: ${machine.cores} cores (${machine.cpuModel}), ${f(machine.memoryGiB)} GiB RAM, Node ${machine.node}, ${machine.kernel}.`,
    `Run: ${date.toISOString()}, ${f(durationS, 0)} s; 1-minute load average ${f(loadBefore, 2)} before, ${f(loadAfter, 2)} after.`,
    '',
    '> **Caveat.** The simulated editors share the machine’s cores with the server under test, and so',
    '> does anything else running at the time (the per-run `load` column is the load average when the',
    '> run ended). Absolute latencies are therefore pessimistic; our server and the reference server are',
    '> measured back to back in the same conditions, so the ratios are the fairer reading.',
  ].join('\n');
}

/** Ratios of the runs paired in order (run i of ours against run i of the reference, measured back to back). */
export function pairedRatios(ours: number[], ref: number[]): number[] {
  return ours
    .slice(0, ref.length)
    .map((value, i) => value / ref[i]!)
    .filter(Number.isFinite);
}

/** How far one run's p99 ratio strays, and the runs' geometric mean with its 90 % interval. */
function runByRun(ours: number[], ref: number[]): string {
  const ratios = pairedRatios(ours, ref);
  if (ratios.length < 2) return '—';
  const interval = ratioInterval(ratios)!;
  return `${f(Math.min(...ratios), 2)} – ${f(Math.max(...ratios), 2)} (${ratios.length}); ${f(interval.mean, 2)} [${f(interval.low, 2)}, ${f(interval.high, 2)}]`;
}

export function loadMarkdown(results: LoadResult[], plan: string): string {
  const rows = results.map(
    (r) =>
      `| ${r.editors} | ${r.docs} | ${r.server}${r.runs > 1 ? ` ×${r.runs}` : ''} | ${f(r.probeToProbeLatencyMs.p50)} / ${f(r.probeToProbeLatencyMs.p95)} / ${f(r.probeToProbeLatencyMs.p99)} / ${f(r.probeToProbeLatencyMs.max)} (${r.probeToProbeSamples}) | ${f(r.probeLatencyMs.p50)} / ${f(r.probeLatencyMs.p95)} / ${f(r.probeLatencyMs.p99)} / ${f(r.probeLatencyMs.max)} (${r.probeSamples}) | ${f(r.latencyMs.p50)} / ${f(r.latencyMs.p95)} / ${f(r.latencyMs.p99)} / ${f(r.latencyMs.max)} | ${f(r.keystrokesPerSec)} | ${f(r.deliveriesPerSec, 0)} | ${f(100 * r.deliveredRatio)} % | ${f(r.serverCpuPercent)} | ${f(r.serverRssMeanMiB)} / ${f(r.serverRssMaxMiB)} | ${f(r.clientCpuPercent)} | ${f(r.probeLoopDelayP99Ms)} / ${f(r.crowdLoopDelayP99Ms)} | ${r.converged ? 'yes' : '**no**'} | ${r.reconnects} | ${f(r.loadAverage, 1)} |`,
  );
  const pairs = pairUp(results);
  const ratioRows = pairs.map(
    ({ ours, ref }) =>
      `| ${ours.editors} | ${ours.docs} | ${ratio(ours.probeToProbeLatencyMs.p99, ref.probeToProbeLatencyMs.p99)} | ${runByRun(ours.runProbeToProbeP99Ms, ref.runProbeToProbeP99Ms)} | ${ratio(ours.probeLatencyMs.p50, ref.probeLatencyMs.p50)} | ${ratio(ours.probeLatencyMs.p99, ref.probeLatencyMs.p99)} | ${ratio(ours.latencyMs.p99, ref.latencyMs.p99)} | ${ratio(ours.serverCpuPercent / ours.deliveriesPerSec, ref.serverCpuPercent / ref.deliveriesPerSec)} | ${ratio(ours.serverRssMeanMiB, ref.serverRssMeanMiB)} |`,
  );
  return [
    plan,
    '',
    'Latencies in ms as p50 / p95 / p99 / max (samples): from a probe’s keystroke to the other probes (both ends unstarved: the propagation through the server under the crowd’s load), from any editor’s keystroke to the probes, and from any keystroke to every editor (the CPU-starved crowd included).',
    '',
    '| editors | docs | server | probe → probe | any editor → probes | latency at every editor | keystrokes/s | deliveries/s | delivered | server CPU % | server RSS mean / max MiB | editors’ CPU % | event-loop delay p99 ms, probes / crowd | converged | reconnects | load |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    'Ours / reference (below 1.00: ours is faster or smaller). CPU is compared per delivered update.',
    '',
    '| editors | docs | p99 probe → probe | the same, run by run: min – max (runs); geometric mean [90 % interval] | p50 at probes | p99 at probes | p99 at every editor | CPU per delivery | RSS |',
    '|---|---|---|---|---|---|---|---|---|',
    ...ratioRows,
  ].join('\n');
}

export function openMarkdown(results: OpenResult[]): string {
  const rows = results.map(
    (r) =>
      `| ${r.pages} | ${r.server} | ${f(r.documentBytes / 1024, 0)} KiB | ${f(median(r.coldOpenMs))} (${r.coldOpenMs.map((x) => f(x, 0)).join(', ')}) | ${f(median(r.warmOpenMs))} (${r.warmOpenMs.map((x) => f(x, 0)).join(', ')}) | ${f(r.rssPerDocMiB)} MiB (${f((r.rssPerDocMiB * MB) / 1e6)} MB) | ${f(r.rssMeanPerDocMiB)} MiB | ${f(r.baselineRssMiB)} |`,
  );
  const pairs = pairUp(results, (r) => String(r.pages));
  const ratioRows = pairs.map(
    ({ ours, ref }) =>
      `| ${ours.pages} | ${ratio(median(ours.coldOpenMs), median(ref.coldOpenMs))} | ${ratio(median(ours.warmOpenMs), median(ref.warmOpenMs))} | ${ratio(ours.rssPerDocMiB, ref.rssPerDocMiB)} |`,
  );
  return [
    '| pages | server | encoded size | cold open ms, median (runs) | warm open ms, median (runs) | RSS per loaded document (slope) | RSS mean over copies | idle server RSS MiB |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    '| pages | cold open ours/ref | warm open ours/ref | RSS per document ours/ref |',
    '|---|---|---|---|',
    ...ratioRows,
  ].join('\n');
}

export function growthMarkdown(load: LoadResult[], open: OpenResult[]): string {
  const lines: string[] = ['Exponent k of the least-squares fit y ≈ a·x^k (1 = linear, 2 = quadratic).', ''];
  lines.push('| series | server | points (x → y) | k | growth |', '|---|---|---|---|---|');
  const add = (series: string, server: string, points: { x: number; y: number }[]) => {
    if (points.length < 2) return;
    const k = growthExponent(points);
    lines.push(`| ${series} | ${server} | ${points.map((p) => `${p.x} → ${f(p.y)}`).join(', ')} | ${f(k, 2)} | ${describeGrowth(k)} |`);
  };
  for (const server of ['ours', 'ref'] as const) {
    const sizes = open.filter((r) => r.server === server);
    add(
      'cold open ms vs pages',
      server,
      sizes.map((r) => ({ x: r.pages, y: median(r.coldOpenMs) })),
    );
    add(
      'warm open ms vs pages',
      server,
      sizes.map((r) => ({ x: r.pages, y: median(r.warmOpenMs) })),
    );
    add(
      'RSS MiB per document vs pages',
      server,
      sizes.map((r) => ({ x: r.pages, y: r.rssPerDocMiB })),
    );
    const single = load.filter((r) => r.server === server && r.docs === 1);
    add(
      'deliveries/s vs editors (one document)',
      server,
      single.map((r) => ({ x: r.editors, y: r.deliveriesPerSec })),
    );
    add(
      'server CPU % vs editors (one document)',
      server,
      single.map((r) => ({ x: r.editors, y: r.serverCpuPercent })),
    );
    add(
      'server CPU % vs editors (spread)',
      server,
      load.filter((r) => r.server === server && r.docs > 1).map((r) => ({ x: r.editors, y: r.serverCpuPercent })),
    );
    add(
      'server RSS MiB vs editors (one document)',
      server,
      single.map((r) => ({ x: r.editors, y: r.serverRssMeanMiB })),
    );
    add(
      'p99 ms at probes vs editors (one document)',
      server,
      single.map((r) => ({ x: r.editors, y: r.probeLatencyMs.p99 })),
    );
  }
  return lines.join('\n');
}

function pairUp<T extends { server: string; editors?: number; docs?: number; pages?: number }>(
  results: T[],
  key: (r: T) => string = (r) => `${r.editors}/${r.docs}`,
): { ours: T; ref: T }[] {
  const pairs: { ours: T; ref: T }[] = [];
  for (const ours of results.filter((r) => r.server === 'ours')) {
    const ref = results.find((r) => r.server === 'ref' && key(r) === key(ours));
    if (ref) pairs.push({ ours, ref });
  }
  return pairs;
}

export function burstMarkdown(results: BurstResult[]): string {
  const byServer = (kind: 'ours' | 'ref') => results.filter((r) => r.server === kind);
  const row = (kind: 'ours' | 'ref') => {
    const runs = byServer(kind);
    if (runs.length === 0) return null;
    const { editors, keystrokesPerEditor, updates } = runs[0]!;
    return `| ${kind} | ${editors} × ${keystrokesPerEditor} | ${updates} | ${runs.map((r) => f(r.drainMs / 1000, 2)).join(', ')} | ${f(median(runs.map((r) => r.updatesPerSec)), 0)} | ${f(median(runs.map((r) => r.serverCpuMicrosPerUpdate)), 0)} |`;
  };
  const [ours, ref] = [byServer('ours'), byServer('ref')];
  const ratios =
    ours.length && ref.length
      ? `Ours / reference: time to apply everything ${ratio(median(ours.map((r) => r.drainMs)), median(ref.map((r) => r.drainMs)))}, server CPU per update ${ratio(median(ours.map((r) => r.serverCpuMicrosPerUpdate)), median(ref.map((r) => r.serverCpuMicrosPerUpdate)))} (medians).`
      : '';
  return [
    'Editors in one document each insert one character per turn of the bench process’s loop, as fast as their connections take it, until each has typed its share; a watching client records when it holds every update. Runs alternate between servers.',
    '',
    '| server | editors × keystrokes | updates | time until all applied, s (runs) | updates/s (median) | server CPU µs per update (median) |',
    '|---|---|---|---|---|---|',
    ...[row('ours'), row('ref')].filter((line): line is string => line !== null),
    '',
    ratios,
  ].join('\n');
}
