import { Worker } from 'node:worker_threads';
import { DomainError } from '../../errors';
import type { Logger } from '../../log';
import { workerEntry } from '../../workerEntry';
import { ExportAborted, exportTimedOut } from '../errors';
import type { DocumentMeta } from '../model/types';
import type { ModelSource } from '../model/fromState';
import type { ExportScheduler, ScheduleOptions } from '../scheduler';
import type { DocxJob, DocxResult } from './docxWorker';

export interface DocxRendererOptions {
  scheduler: ExportScheduler;
  /** A DOCX taking longer is stopped (its thread terminated). */
  timeoutMs: number;
  logger: Logger;
}

/** The file, and the model's metadata (the file name is made from its kind and title). */
export interface RenderedDocx {
  data: Uint8Array;
  meta: DocumentMeta;
}

export interface DocxStats {
  rendered: number;
  aborted: number;
  timedOut: number;
  failed: number;
  active: number;
  queued: number;
}

/** An idle thread (tens of MB: docx, the editor schema, Yjs) is stopped after this delay. */
const idleThreadMs = 60_000;

const docxFailed = (): DomainError =>
  new DomainError(
    'unavailable',
    'docx_engine_unavailable',
    'L’export DOCX a échoué sur le serveur. Réessayez dans un instant ; si cela se reproduit, contactez l’administrateur.',
  );

/**
 * Renders DOCX files with `docx` in worker threads, so that the serving thread keeps answering
 * (8 DOCX exports of a long document rendered on it delayed /api/health by 5.3 s). The serving
 * thread sends the document's encoded Y.Doc state and the facts from the store (ModelSource);
 * the thread builds the model and renders it. Exports go through the shared ExportScheduler
 * (kind 'docx'), which bounds how many run at once; one thread per running export, kept for the
 * next one.
 */
export class DocxRenderer {
  /** Idle threads, each with the timer that stops it. */
  private readonly idle = new Map<Worker, NodeJS.Timeout>();
  private readonly busy = new Set<Worker>();
  private readonly counters = { rendered: 0, aborted: 0, timedOut: 0, failed: 0 };

  constructor(private readonly options: DocxRendererOptions) {}

  stats(): DocxStats {
    const { scheduler } = this.options;
    return { ...this.counters, active: scheduler.active('docx'), queued: scheduler.queued('docx') };
  }

  render(source: ModelSource, options: ScheduleOptions = {}): Promise<RenderedDocx> {
    const job: DocxJob = { state: source.state, context: source.context };
    return this.options.scheduler.run('docx', () => this.renderInThread(job, options.signal), options);
  }

  async close(): Promise<void> {
    const all = [...this.idle.keys(), ...this.busy];
    for (const timer of this.idle.values()) clearTimeout(timer);
    this.idle.clear();
    this.busy.clear();
    await Promise.all(all.map((w) => w.terminate()));
  }

  private thread(): Worker {
    const [reused, timer] = this.idle.entries().next().value ?? [];
    if (reused) {
      clearTimeout(timer);
      this.idle.delete(reused);
      return reused;
    }
    const worker = new Worker(workerEntry(import.meta.url, 'docxWorker'), { name: 'docx export' });
    // An idle thread never keeps the process alive.
    worker.unref();
    // A thread that dies while idle is forgotten (and its error logged, not thrown).
    worker.on('error', (error) => this.options.logger.error('docx thread stopped', { error: String(error) }));
    worker.on('exit', () => {
      clearTimeout(this.idle.get(worker));
      this.idle.delete(worker);
    });
    return worker;
  }

  private renderInThread(job: DocxJob, signal: AbortSignal | undefined): Promise<RenderedDocx> {
    if (signal?.aborted) return Promise.reject(new ExportAborted());
    const worker = this.thread();
    this.busy.add(worker);
    return new Promise<RenderedDocx>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.counters.timedOut++;
        finish(false);
        reject(exportTimedOut(Math.round(this.options.timeoutMs / 1000)));
      }, this.options.timeoutMs);
      const onAbort = () => {
        this.counters.aborted++;
        finish(false);
        reject(new ExportAborted());
      };
      const onMessage = (result: DocxResult) => {
        finish(true);
        if (result.ok) {
          this.counters.rendered++;
          resolve({ data: result.data, meta: result.meta });
        } else {
          this.counters.failed++;
          this.options.logger.error('docx export failed', { error: result.error });
          reject(docxFailed());
        }
      };
      // A thread that throws exits (its error is logged by thread()).
      const onExit = () => {
        this.counters.failed++;
        finish(false);
        reject(docxFailed());
      };
      /** `keep`: the thread goes back to the idle ones; otherwise it is stopped (timed out, client gone, crashed). */
      const finish = (keep: boolean) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        worker.off('message', onMessage).off('exit', onExit);
        this.busy.delete(worker);
        if (!keep) void worker.terminate();
        else this.idle.set(worker, setTimeout(() => void worker.terminate(), idleThreadMs).unref());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      worker.once('message', onMessage).once('exit', onExit);
      worker.postMessage(job);
    });
  }
}
