import fs from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat (`getconf CLK_TCK`, 100 on Linux). */
const ticksPerSecond = 100;

export interface ProcSample {
  /** User + system CPU time consumed so far, in seconds. */
  cpuSeconds: number;
  rssBytes: number;
  /** Peak RSS of the process's life (VmHWM). */
  peakRssBytes: number;
}

/** Reads a process's CPU time and memory from /proc, as `ps` and `pidusage` do. */
export function readProc(pid: number): ProcSample {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name may hold spaces: fields are counted after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
  return { cpuSeconds: (utime + stime) / ticksPerSecond, rssBytes: kb('VmRSS'), peakRssBytes: kb('VmHWM') };
}

export interface ProcUsage {
  wallSeconds: number;
  cpuSeconds: number;
  /** CPU used over the window, in % of one core. */
  cpuPercent: number;
  rssMeanBytes: number;
  rssMaxBytes: number;
  rssEndBytes: number;
}

/** Samples a process every `intervalMs` between start and stop. */
export function sampleProc(pid: number, intervalMs = 250): { stop(): ProcUsage } {
  const started = performance.now();
  const first = readProc(pid);
  const rss: number[] = [first.rssBytes];
  const timer = setInterval(() => {
    try {
      rss.push(readProc(pid).rssBytes);
    } catch {
      /* the process is gone: the last samples stand */
    }
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      const last = readProc(pid);
      rss.push(last.rssBytes);
      const wallSeconds = (performance.now() - started) / 1000;
      const cpuSeconds = last.cpuSeconds - first.cpuSeconds;
      return {
        wallSeconds,
        cpuSeconds,
        cpuPercent: (100 * cpuSeconds) / wallSeconds,
        rssMeanBytes: rss.reduce((a, b) => a + b, 0) / rss.length,
        rssMaxBytes: Math.max(...rss),
        rssEndBytes: last.rssBytes,
      };
    },
  };
}
