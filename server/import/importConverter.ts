import { Worker } from 'node:worker_threads';
import { DomainError } from '../errors';
import type { Logger } from '../log';
import { workerEntry } from '../workerEntry';
import type { ConvertInput, ConvertOutcome } from './convertUpload';
import { importError } from './importError';
import type { ConvertResult } from './importWorker';
import { importLimits } from './importLimits';

/** Conversions running at once (one thread each); the others wait their turn, up to `maxWaiting`. */
const concurrency = 2;
const maxWaiting = 8;
/** An idle thread (mammoth, happy-dom, the editor schema: tens of MB) is stopped after this delay. */
const idleThreadMs = 60_000;

const failed = (): DomainError =>
  importError(
    'import_conversion_failed',
    'La conversion du document a échoué sur le serveur : enregistrez-le à nouveau depuis Word ou LibreOffice, puis réessayez.',
  );

/**
 * Runs the conversion of uploads (convertUpload.ts) in worker threads: mammoth and the
 * ProseMirror parse of a 100-page DOCX held the serving thread about 5 s, during which no editor's
 * keystroke and no request was answered (bench: « Import of a 100-page DOCX »). Bounded: two at
 * once, eight waiting, beyond that 503; a conversion past the time limit is stopped.
 */
export class ImportConverter {
  private readonly idle: Worker[] = [];
  private readonly timers = new Map<Worker, NodeJS.Timeout>();
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private closed = false;

  constructor(private readonly logger: Logger) {}

  async convert(input: ConvertInput): Promise<ConvertOutcome> {
    if (this.running >= concurrency) {
      if (this.waiting.length >= maxWaiting) {
        throw new DomainError(
          'unavailable',
          'import_busy',
          'Le serveur convertit déjà plusieurs documents : réessayez dans une minute.',
          undefined,
          undefined,
          30,
        );
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    this.running++;
    try {
      return await this.inThread(input);
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    await Promise.all(this.idle.splice(0).map((w) => w.terminate()));
  }

  private thread(): Worker {
    const reused = this.idle.pop();
    if (reused) {
      clearTimeout(this.timers.get(reused));
      this.timers.delete(reused);
      return reused;
    }
    const worker = new Worker(workerEntry(import.meta.url, 'importWorker'), { name: 'import conversion' });
    worker.unref();
    worker.on('error', (error) => this.logger.error('import thread stopped', { error: String(error) }));
    worker.on('exit', () => {
      clearTimeout(this.timers.get(worker));
      this.timers.delete(worker);
      const at = this.idle.indexOf(worker);
      if (at >= 0) this.idle.splice(at, 1);
    });
    return worker;
  }

  private release(worker: Worker, keep: boolean): void {
    if (!keep || this.closed) {
      void worker.terminate();
      return;
    }
    this.idle.push(worker);
    this.timers.set(worker, setTimeout(() => void worker.terminate(), idleThreadMs).unref());
  }

  private inThread(input: ConvertInput): Promise<ConvertOutcome> {
    const worker = this.thread();
    return new Promise<ConvertOutcome>((resolve, reject) => {
      const timer = setTimeout(() => {
        finish(false);
        reject(
          importError(
            'import_conversion_failed',
            `La conversion a dépassé ${importLimits.conversionTimeoutMs / 1000} secondes : allégez le document ou importez-le en plusieurs parties.`,
          ),
        );
      }, importLimits.conversionTimeoutMs);
      const onMessage = (result: ConvertResult) => {
        finish(true);
        if (result.ok) {
          const { outcome } = result;
          // Structured cloning gives Uint8Arrays back: the store binds Buffers.
          if (outcome.kind === 'converted')
            for (const image of outcome.images) image.data = Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength);
          resolve(outcome);
        } else if (result.refusal) {
          const { kind, code, message, fields } = result.refusal;
          reject(new DomainError(kind, code, message, fields));
        } else {
          this.logger.error('import conversion failed', { error: result.error });
          reject(failed());
        }
      };
      const onExit = () => {
        finish(false);
        reject(failed());
      };
      const finish = (keep: boolean) => {
        clearTimeout(timer);
        worker.off('message', onMessage).off('exit', onExit);
        this.release(worker, keep);
      };
      worker.once('message', onMessage).once('exit', onExit);
      worker.postMessage(input);
    });
  }
}
