import { Worker } from 'node:worker_threads';
import { DomainError } from '../../errors';
import type { Logger } from '../../log';
import { workerEntry } from '../../workerEntry';
import type { ChartInput, ChartJob, ChartResult } from './chartWorker';

/** Charts drawn in a thread so far, in this process (tests and /metrics-style reading). */
export const chartThreadStats = { jobs: 0, charts: 0, failed: 0 };

/** Jobs wait for the one before: one chart thread at a time, as bilans are rare and each is long. */
let queue: Promise<unknown> = Promise.resolve();

const chartsFailed = (): DomainError =>
  new DomainError(
    'unavailable',
    'charts_unavailable',
    'Les graphiques du bilan n’ont pas pu être dessinés. Réessayez dans un instant ; si cela se reproduit, contactez l’administrateur.',
  );

/**
 * The charts' PNGs, drawn in a worker thread (chartWorker.ts) started for the job and stopped
 * after it: the serving thread only waits. Rejects (503 `charts_unavailable`) when the thread
 * fails or takes more than `timeoutMs`.
 */
export function drawChartPngs(charts: ChartInput[], options: { logger: Logger; timeoutMs?: number }): Promise<Buffer[]> {
  const run = queue.then(() => drawInThread(charts, options));
  queue = run.catch(() => undefined);
  return run;
}

function drawInThread(charts: ChartInput[], options: { logger: Logger; timeoutMs?: number }): Promise<Buffer[]> {
  if (charts.length === 0) return Promise.resolve([]);
  const worker = new Worker(workerEntry(import.meta.url, 'chartWorker'), { name: 'bilan charts' });
  return new Promise<Buffer[]>((resolve, reject) => {
    let settled = false;
    const settle = (): boolean => {
      if (settled) return false;
      settled = true;
      clearTimeout(timer);
      return true;
    };
    const fail = (error: string) => {
      if (!settle()) return;
      chartThreadStats.failed++;
      options.logger.error('chart thread failed', { error });
      reject(chartsFailed());
    };
    const timer = setTimeout(() => fail('timed out'), options.timeoutMs ?? 600_000);
    worker.once('message', (result: ChartResult) => {
      if (!result.ok) return fail(result.error);
      if (!settle()) return;
      chartThreadStats.jobs++;
      chartThreadStats.charts += result.pngs.length;
      resolve(result.pngs.map((png) => Buffer.from(png.buffer, png.byteOffset, png.byteLength)));
    });
    worker.once('error', (error) => fail(String(error)));
    // Exiting before answering (the terminate below comes after the answer, when settled).
    worker.once('exit', (code) => fail(`exit ${code}`));
    worker.postMessage({ charts } satisfies ChartJob);
  }).finally(() => void worker.terminate());
}
