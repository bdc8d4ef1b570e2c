import { Worker } from 'node:worker_threads';

/**
 * Asks GET /api/health again and again from another thread, so that the time measured is the
 * server's answer time even when the test's own thread (which runs the server) is busy.
 */
const source = `
const { parentPort, workerData } = require('node:worker_threads');
const latencies = [];
let stopping = false;
parentPort.on('message', () => { stopping = true; });
const ask = async () => {
  const started = performance.now();
  const res = await fetch(workerData.url);
  await res.arrayBuffer();
  return { ms: performance.now() - started, status: res.status };
};
(async () => {
  // The first request sets up the thread's HTTP client and connection: not counted.
  await ask();
  parentPort.postMessage('ready');
  while (!stopping) {
    latencies.push(await ask());
    await new Promise((r) => setTimeout(r, workerData.intervalMs));
  }
  parentPort.postMessage(latencies);
})();
`;

export interface HealthProbe {
  /** Stops probing; resolves with each answer's time and status. */
  stop(): Promise<{ ms: number; status: number }[]>;
}

/** Resolves once the thread is probing. */
export async function probeHealth(serverUrl: string, intervalMs = 25): Promise<HealthProbe> {
  const worker = new Worker(source, { eval: true, workerData: { url: `${serverUrl}/api/health`, intervalMs } });
  await new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return {
    async stop() {
      const done = new Promise<{ ms: number; status: number }[]>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
      worker.postMessage('stop');
      const latencies = await done;
      await worker.terminate();
      return latencies;
    },
  };
}
