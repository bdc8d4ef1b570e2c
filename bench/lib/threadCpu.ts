import fs from 'node:fs';

/** Clock ticks per second of /proc (`getconf CLK_TCK`, 100 on Linux). */
const ticksPerSecond = 100;

/**
 * CPU seconds of a process's threads by role, from `/proc/<pid>/task/<tid>/stat`: the serving
 * (main) thread, threads running at a lowered priority (our store thread sets nice 10, see
 * server/store/storeWorker.ts), and the rest (V8's helpers: parallel scavenges, concurrent
 * marking and compilation; libuv's pool). A CPU profile samples one thread's stack and counts
 * wall time (a thread preempted in a `write` is charged to it); these are the kernel's counts.
 */
export interface ThreadCpu {
  main: number;
  lowPriority: number;
  helpers: number;
}

export function readThreadCpu(pid: number): ThreadCpu {
  const cpu: ThreadCpu = { main: 0, lowPriority: 0, helpers: 0 };
  let tids: string[];
  try {
    tids = fs.readdirSync(`/proc/${pid}/task`);
  } catch {
    return cpu;
  }
  for (const tid of tids) {
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    } catch {
      continue; // the thread ended meanwhile
    }
    // Fields counted after the command name's closing parenthesis (it may hold spaces).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const seconds = (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
    const nice = Number(fields[16]);
    if (tid === String(pid)) cpu.main += seconds;
    else if (nice > 0) cpu.lowPriority += seconds;
    else cpu.helpers += seconds;
  }
  return cpu;
}

export const threadCpuSince = (pid: number, before: ThreadCpu): ThreadCpu => {
  const now = readThreadCpu(pid);
  return { main: now.main - before.main, lowPriority: now.lowPriority - before.lowPriority, helpers: now.helpers - before.helpers };
};
