import os from 'node:os';

export interface Machine {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  kernel: string;
}

export function describeMachine(): Machine {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryGiB: os.totalmem() / 1024 ** 3,
    node: process.version,
    kernel: `${os.type()} ${os.release()}`,
  };
}

/** 1-minute load average: how busy the machine was besides the benchmark. */
export const loadAverage = (): number => os.loadavg()[0]!;

const cpuTimes = () =>
  os.cpus().reduce((t, cpu) => ({ busy: t.busy + cpu.times.user + cpu.times.nice + cpu.times.sys + cpu.times.irq, idle: t.idle + cpu.times.idle }), {
    busy: 0,
    idle: 0,
  });

/**
 * Waits until the machine's CPUs are mostly idle (busy under `maxBusy` over one second), at most
 * `timeoutMs`; returns the last busy share. A run started right after a build or a test suite
 * measured their tail (the 1-minute load average said 2.4 at the start of such a run).
 */
export async function waitForQuietMachine(maxBusy = 0.1, timeoutMs = 60_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const before = cpuTimes();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const after = cpuTimes();
    const busy = (after.busy - before.busy) / Math.max(1, after.busy - before.busy + after.idle - before.idle);
    if (busy < maxBusy || Date.now() >= deadline) return busy;
  }
}
