import fs from 'node:fs';
import path from 'node:path';
import type { ProfileWindow } from './profileWindow';
import { categoryOf, sourceFileOf, useBundleMap, type CallFrame } from './profileCategories';

/**
 * Sums the CPU profiles of a load run's servers (BENCH_PROFILE_DIR) over the measured typing
 * window only, by part of a keystroke's path (profileCategories.ts) and by function, in µs per
 * delivered update, so that ours and the reference compare whatever the number of keystrokes.
 *
 *   npm run bench:profile -- /tmp/prof [top functions, default 25]
 */

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Self time (µs) inside the window, by category and by function, of one profile (one thread). */
export interface ThreadSummary {
  busyUs: number;
  byCategory: Map<string, number>;
  byFunction: Map<string, number>;
}

const ignored = new Set(['(idle)', '(root)']);

export function summarise(profile: CpuProfile, from: number, to: number): ThreadSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const categoryCache = new Map<number, string>();
  const category = (id: number): string => {
    const known = categoryCache.get(id);
    if (known !== undefined) return known;
    // The innermost frame a rule claims: a library call is charged to the part that made it.
    let found: string | null = null;
    for (let at: number | undefined = id; at !== undefined && found === null; at = parent.get(at)) found = categoryOf(byId.get(at)!.callFrame);
    const result = found ?? 'other JS';
    categoryCache.set(id, result);
    return result;
  };
  const summary: ThreadSummary = { busyUs: 0, byCategory: new Map(), byFunction: new Map() };
  let time = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    time += profile.timeDeltas[i] ?? 0;
    // A sample stands for the time until the next one.
    const span = profile.timeDeltas[i + 1] ?? 0;
    if (time < from || time >= to) continue;
    const node = byId.get(profile.samples[i]!)!;
    if (ignored.has(node.callFrame.functionName)) continue;
    summary.busyUs += span;
    const part = category(node.id);
    summary.byCategory.set(part, (summary.byCategory.get(part) ?? 0) + span);
    const { functionName, url } = node.callFrame;
    const where = url ? ` ${sourceFileOf(node.callFrame).replace(/^.*\/(node_modules|server|bench|schemas)\//, '$1/')}` : '';
    const name = `${functionName || '(anonymous)'}${where}`;
    summary.byFunction.set(name, (summary.byFunction.get(name) ?? 0) + span);
  }
  return summary;
}

/** Profiles of one process: `CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile`, main thread first. */
function profilesOf(dir: string, pid: number): { thread: number; file: string }[] {
  return fs
    .readdirSync(dir)
    .map((file) => ({ file, match: /^CPU\.\d+\.\d+\.(\d+)\.(\d+)\.\d+\.cpuprofile$/.exec(file) }))
    .filter(({ match }) => match !== null && Number(match[1]) === pid)
    .map(({ file, match }) => ({ thread: Number(match![2]), file: path.join(dir, file) }))
    .sort((a, b) => a.thread - b.thread);
}

const perDelivery = (us: number, window: ProfileWindow): string => (us / Math.max(1, window.deliveries)).toFixed(1);

function report(dir: string, top: number): void {
  const windows = fs
    .readdirSync(dir)
    .filter((file) => /^window\.\d+\.json$/.test(file))
    .map((file) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as ProfileWindow);
  if (windows.length === 0) throw new Error(`no window.<pid>.json in ${dir}: run a load scenario with BENCH_PROFILE_DIR=${dir}`);
  for (const window of windows) {
    const seconds = (window.endUs - window.startUs) / 1e6;
    console.log(
      `\n## ${window.server} (pid ${window.pid}): ${seconds.toFixed(1)} s, ${window.keystrokes} keystrokes, ${window.deliveries} deliveries; ` +
        `process CPU (all threads, /proc) ${perDelivery(window.cpuSeconds * 1e6, window)} µs per delivery: serving thread ` +
        `${perDelivery(window.threads.main * 1e6, window)}, low-priority threads ${perDelivery(window.threads.lowPriority * 1e6, window)}, ` +
        `V8/libuv helpers ${perDelivery(window.threads.helpers * 1e6, window)} (the profiler's own sampling included)`,
    );
    useBundleMap(path.join(dir, `server.${window.pid}.mjs.map`));
    for (const { thread, file } of profilesOf(dir, window.pid)) {
      const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
      const summary = summarise(profile, window.startUs, window.endUs);
      console.log(`\n### thread ${thread}: busy ${perDelivery(summary.busyUs, window)} µs per delivery (${(summary.busyUs / 1000).toFixed(0)} ms)\n`);
      console.log('| part | µs per delivery | share |\n|---|---|---|');
      for (const [part, us] of [...summary.byCategory].sort((a, b) => b[1] - a[1])) {
        console.log(`| ${part} | ${perDelivery(us, window)} | ${((100 * us) / summary.busyUs).toFixed(0)} % |`);
      }
      console.log('\n| function (self) | µs per delivery |\n|---|---|');
      for (const [name, us] of [...summary.byFunction].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`| ${name} | ${perDelivery(us, window)} |`);
    }
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const [dir, top] = process.argv.slice(2);
  if (!dir) throw new Error('usage: npm run bench:profile -- <BENCH_PROFILE_DIR> [top functions]');
  report(dir, Number(top ?? 25));
}
