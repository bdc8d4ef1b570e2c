import fs from 'node:fs';
import path from 'node:path';
import type { ThreadCpu } from './threadCpu';

/**
 * The measured typing window of a load run, written beside the servers' CPU profiles
 * (BENCH_PROFILE_DIR) so that `npm run bench:profile` can count only the samples taken in it
 * and divide by what was delivered. A profile spans the server's whole life: start-up, the JIT
 * warm-up and the unmeasured typing would otherwise be charged to the measured keystrokes.
 */
export interface ProfileWindow {
  server: string;
  /** The server process: its profiles are named `CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile`. */
  pid: number;
  /** CLOCK_MONOTONIC in µs: the clock of a V8 profile's `startTime` and sample times. */
  startUs: number;
  endUs: number;
  keystrokes: number;
  deliveries: number;
  /** User + system CPU of the whole process over the window (all threads, from /proc). */
  cpuSeconds: number;
  /** The same by thread role (threadCpu.ts). */
  threads: ThreadCpu;
}

/** `process.hrtime` is CLOCK_MONOTONIC, as V8's profiler clock is on Linux. */
export const monotonicMicros = (): number => Number(process.hrtime.bigint() / 1000n);

/** Our bundle's source map, as the profiled server ran it: the bench rebuilds the bundle whenever it starts our server. */
const bundleMap = path.resolve(import.meta.dirname, '../../build/server.mjs.map');

export function recordProfileWindow(window: ProfileWindow): void {
  const dir = process.env.BENCH_PROFILE_DIR;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `window.${window.pid}.json`), `${JSON.stringify(window)}\n`);
  if (window.server === 'ours' && fs.existsSync(bundleMap)) fs.copyFileSync(bundleMap, path.join(dir, `server.${window.pid}.mjs.map`));
}
