import { Worker } from 'node:worker_threads';
import { workerEntry } from '../../../workerEntry';
import type { ArchivalInfo, ArchivalReport } from './toPdfA';
import type { PdfaJob, PdfaResult } from './pdfaWorker';

/** An idle thread (the PDF library and its heap) is stopped after this delay. */
const idleThreadMs = 60_000;

/**
 * Turns Chromium's PDFs into PDF/A-2 off the serving thread: parsing and rewriting a 100-page
 * PDF takes a few hundred milliseconds of CPU (pdf-lib), which every editor would otherwise
 * wait for. One thread, started on the first export, kept a minute for the next one; the PDF
 * exports are already serialised by the export line (ExportScheduler), so jobs queue here only
 * when PMP_EXPORT_CONCURRENCY > 1.
 */
export class ArchivalThread {
  private worker: Worker | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  /** Starts the thread ahead of its first job (while Chromium prints), so the job does not wait for it to load. */
  warm(): void {
    this.thread();
    this.armIdleTimer();
  }

  convert(pdf: Uint8Array, info: ArchivalInfo): Promise<{ pdf: Uint8Array; report: ArchivalReport }> {
    const next = this.queue.then(() => this.run({ pdf, info }));
    this.queue = next.catch(() => {});
    return next;
  }

  async close(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  private armIdleTimer(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => void this.close(), idleThreadMs).unref();
  }

  private thread(): Worker {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    if (this.worker) return this.worker;
    const worker = new Worker(workerEntry(import.meta.url, 'pdfaWorker'), { name: 'pdf/a' });
    worker.unref();
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = null;
    });
    this.worker = worker;
    return worker;
  }

  private run(job: PdfaJob): Promise<{ pdf: Uint8Array; report: ArchivalReport }> {
    const worker = this.thread();
    return new Promise((resolve, reject) => {
      const onMessage = (result: PdfaResult) => {
        worker.off('exit', onExit).off('error', onError);
        this.armIdleTimer();
        if (result.ok) resolve({ pdf: result.pdf, report: result.report });
        else reject(new Error(result.error));
      };
      const onError = (error: Error) => {
        worker.off('message', onMessage).off('exit', onExit);
        reject(error);
      };
      const onExit = () => {
        worker.off('message', onMessage).off('error', onError);
        reject(new Error('pdf/a thread exited'));
      };
      worker.once('message', onMessage).once('error', onError).once('exit', onExit);
      worker.postMessage(job);
    });
  }
}
