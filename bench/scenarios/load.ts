import { fragmentName } from '../../schemas/docLayout';
import { templateSectionIds } from '../../fixtures/realisticDocument';
import { loadAverage, waitForQuietMachine } from '../lib/machine';
import { say } from '../lib/say';
import { sampleProc } from '../lib/procStats';
import type { EditorSpec, TypingPlan } from '../lib/protocol';
import { startOurs, startReference, type ServerKind } from '../lib/servers';
import { count, latencySummary, merge, type Histogram, type Percentiles } from '../lib/stats';
import { EditorPool } from '../lib/workers';
import { warmUpJit } from '../lib/jitWarmup';
import { monotonicMicros, recordProfileWindow } from '../lib/profileWindow';
import { readThreadCpu, threadCpuSince } from '../lib/threadCpu';

/**
 * Editors typing at human speed: words of 3–8 keystrokes 150–300 ms apart, then 5–40 s of
 * reading or thinking (about 1 editor in 20 typing at any moment), caret published on every
 * keystroke as Tiptap's caret extension does.
 */
export const humanTyping: Omit<TypingPlan, 'durationMs' | 'seed'> = {
  keystrokeMs: [150, 300],
  wordLength: [3, 8],
  pauseMs: [5_000, 40_000],
  caret: process.env.BENCH_CARET !== '0',
};

export interface LoadCase {
  editors: number;
  docs: number;
  durationMs: number;
  /** Typing before the measured window, unmeasured: start-up transients (JIT, the first full GC) pass. */
  warmupMs: number;
  /** Keystrokes of the JIT warm-up (see jitWarmup.ts), before the editors connect. */
  jitWarmupKeystrokes: number;
}

/** Probe editors per run (all in the first document). */
const probesPerRun = 4;

export interface LoadResult extends LoadCase {
  server: ServerKind;
  connectMs: number;
  /** Time for the connection wave (N² presence and paragraph messages) to pass. */
  settleMs: number;
  /** From each keystroke to its application by every other editor of its document. */
  latencyMs: Percentiles;
  /** p99 probe → probe of each run, in order (pooled results keep every run's). */
  runProbeToProbeP99Ms: number[];
  /** p50 probe → probe of each run, in order (the light-load target is judged on its paired ratios). */
  runProbeToProbeP50Ms: number[];
  /** Same, measured only at the probe editors, whose process is not starved of CPU. */
  probeLatencyMs: Percentiles;
  probeSamples: number;
  /**
   * From a probe's keystroke to its application by the other probes: both ends unstarved, so
   * this is the propagation through the server under the crowd's load.
   */
  probeToProbeLatencyMs: Percentiles;
  probeToProbeSamples: number;
  keystrokesPerSec: number;
  deliveriesPerSec: number;
  /** Deliveries received / deliveries expected (every keystroke to every other editor of its room). */
  deliveredRatio: number;
  serverCpuPercent: number;
  serverRssMeanMiB: number;
  serverRssMaxMiB: number;
  clientCpuPercent: number;
  /** Worst p99 event-loop delay among the crowd's worker processes, and the probes' one. */
  crowdLoopDelayP99Ms: number;
  probeLoopDelayP99Ms: number;
  reconnects: number;
  closeCodes: number[];
  converged: boolean;
  /** Machine load average when the run ended (the other engineers' work included). */
  loadAverage: number;
  /** Repetitions pooled into this result (see loadPool.ts). */
  runs: number;
  deliveries: number;
  expectedDeliveries: number;
  /** Raw latency histograms, for pooling repetitions (left out of the report's JSON). */
  histograms: { all: Histogram; probes: Histogram; probeToProbe: Histogram };
}

const MiB = 1024 * 1024;

/** Editors per user on our server: under its limit of 12 connections per user. */
const editorsPerUser = 10;

/** Every keystroke should reach every other editor of its room (rooms may differ in size by one). */
function expectedDeliveries(editors: EditorSpec[], results: { keystrokesByRoom: Record<string, number> }[]): number {
  const roomSize = new Map<string, number>();
  for (const e of editors) roomSize.set(e.room, (roomSize.get(e.room) ?? 0) + 1);
  let expected = 0;
  for (const r of results) for (const [room, typed] of Object.entries(r.keystrokesByRoom)) expected += typed * ((roomSize.get(room) ?? 1) - 1);
  return expected;
}

export async function runLoad(kind: ServerKind, load: LoadCase): Promise<LoadResult> {
  const busy = await waitForQuietMachine();
  if (busy >= 0.1) say(`  the machine stayed busy (${Math.round(busy * 100)} % of its CPUs) before this run`);
  const server =
    kind === 'ours' ? await startOurs({ docs: load.docs + 1, users: Math.ceil(load.editors / editorsPerUser) }) : await startReference({ docs: load.docs + 1 });
  const pool = EditorPool.start(Math.min(4, Math.max(1, Math.ceil(load.editors / 50))));
  try {
    // The last document is the JIT warm-up's; the editors use the first `load.docs`.
    if (load.jitWarmupKeystrokes > 0) {
      await warmUpJit(server, load.docs, load.jitWarmupKeystrokes);
      await new Promise((r) => setTimeout(r, 500));
    }
    const sections = templateSectionIds();
    const editors: EditorSpec[] = Array.from({ length: load.editors }, (_, i) => {
      const doc = i % load.docs;
      return { wsBase: server.wsBase, room: server.room(doc), params: server.params(i, doc), fragment: fragmentName(sections[i % sections.length]!) };
    });
    // Up to four editors of the first document are probes, in their own unloaded process.
    const probes = editors.filter((e) => e.room === server.room(0)).slice(0, probesPerRun);
    const connectMs = await pool.connect(
      probes,
      editors.filter((e) => !probes.includes(e)),
      120_000,
    );
    const paragraphs: Record<string, number> = {};
    for (const e of editors) paragraphs[e.room] = (paragraphs[e.room] ?? 0) + 1;
    const settleMs = await pool.settle(paragraphs, sections.map(fragmentName));

    if (load.warmupMs > 0) await pool.type({ ...humanTyping, durationMs: load.warmupMs, seed: load.editors * 31 + load.docs + 1 });
    const sampler = sampleProc(server.pid);
    const windowStartUs = monotonicMicros();
    const threadsBefore = readThreadCpu(server.pid);
    const typed = pool.type({ ...humanTyping, durationMs: load.durationMs, seed: load.editors * 31 + load.docs });
    const usage = await new Promise<ReturnType<typeof sampler.stop>>((resolve) => setTimeout(() => resolve(sampler.stop()), load.durationMs));
    const windowEndUs = monotonicMicros();
    const threads = threadCpuSince(server.pid, threadsBefore);
    const typing = await typed;
    const results = [typing.probes, ...typing.editors];

    const histogram = results.reduce<Histogram>((h, r) => merge(h, r.histogram), {});
    const probeToProbe = latencySummary(typing.probes.fromProbes);
    const keystrokes = results.reduce((a, r) => a + r.keystrokes, 0);
    const deliveries = count(histogram);
    const expected = expectedDeliveries(editors, results);
    const perDelivery = (seconds: number) => ((seconds * 1e6) / Math.max(1, deliveries)).toFixed(1);
    say(
      `  server CPU per delivery ${perDelivery(usage.cpuSeconds)} µs: serving thread ${perDelivery(threads.main)}, ` +
        `low-priority threads ${perDelivery(threads.lowPriority)}, V8/libuv helpers ${perDelivery(threads.helpers)}`,
    );
    recordProfileWindow({
      server: kind,
      pid: server.pid,
      startUs: windowStartUs,
      endUs: windowEndUs,
      keystrokes,
      deliveries,
      cpuSeconds: usage.cpuSeconds,
      threads,
    });
    const rooms = new Map<string, Set<string>>();
    for (const r of results)
      for (const [room, svs] of Object.entries(r.stateVectors)) for (const sv of svs) (rooms.get(room) ?? rooms.set(room, new Set()).get(room)!).add(sv);
    return {
      ...load,
      server: kind,
      connectMs,
      settleMs,
      latencyMs: latencySummary(histogram),
      probeLatencyMs: latencySummary(typing.probes.histogram),
      probeSamples: count(typing.probes.histogram),
      probeToProbeLatencyMs: probeToProbe,
      probeToProbeSamples: count(typing.probes.fromProbes),
      runProbeToProbeP99Ms: [probeToProbe.p99],
      runProbeToProbeP50Ms: [probeToProbe.p50],
      keystrokesPerSec: keystrokes / (load.durationMs / 1000),
      deliveriesPerSec: deliveries / (load.durationMs / 1000),
      deliveredRatio: deliveries / (expected || 1),
      serverCpuPercent: usage.cpuPercent,
      serverRssMeanMiB: usage.rssMeanBytes / MiB,
      serverRssMaxMiB: usage.rssMaxBytes / MiB,
      clientCpuPercent: (100 * results.reduce((a, r) => a + r.cpuMs, 0)) / 1000 / ((load.durationMs + 2_000) / 1000),
      crowdLoopDelayP99Ms: Math.max(...typing.editors.map((r) => r.loopDelayP99Ms)),
      probeLoopDelayP99Ms: typing.probes.loopDelayP99Ms,
      reconnects: results.reduce((a, r) => a + r.reconnects, 0),
      closeCodes: results.flatMap((r) => r.closeCodes),
      converged: [...rooms.values()].every((set) => set.size === 1),
      loadAverage: loadAverage(),
      runs: 1,
      deliveries,
      expectedDeliveries: expected,
      histograms: { all: histogram, probes: typing.probes.histogram, probeToProbe: typing.probes.fromProbes },
    };
  } finally {
    await pool.stop();
    await server.stop();
  }
}
