import { ExportAborted, exportBusy } from './errors';

interface Waiting {
  start: () => void;
  cancel: () => void;
}

/**
 * Runs at most `concurrency` exports at once (each holds a Chromium page, tens of MB for a long
 * document) and keeps at most `maxWaiting` in line; more are refused at once rather than piling
 * up. A waiting export whose client leaves is dropped from the line.
 */
export class ExportQueue {
  private running = 0;
  private readonly waiting: Waiting[] = [];

  constructor(
    private readonly concurrency: number,
    private readonly maxWaiting: number,
  ) {}

  get active(): number {
    return this.running;
  }

  get queued(): number {
    return this.waiting.length;
  }

  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) throw new ExportAborted();
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.maxWaiting) throw exportBusy();
      await new Promise<void>((resolve, reject) => {
        const entry: Waiting = {
          start: () => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          },
          cancel: () => reject(new ExportAborted()),
        };
        const onAbort = () => {
          const index = this.waiting.indexOf(entry);
          if (index >= 0) this.waiting.splice(index, 1);
          entry.cancel();
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        this.waiting.push(entry);
      });
    } else {
      this.running++;
    }
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next export, so `running` stays counted.
      if (next) next.start();
      else this.running--;
    }
  }
}
