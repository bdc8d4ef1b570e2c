import { ExportAborted, exportBusy } from './errors';

/** What an export holds while it runs: a Chromium page, or a DOCX worker thread. */
export type ExportKind = 'pdf' | 'docx';

export interface ScheduleOptions {
  signal?: AbortSignal;
  /**
   * A submission package: it goes ahead of every waiting ad-hoc export and is never refused
   * because ad-hoc exports fill the line (their number is bounded by one package per user).
   */
  priority?: boolean;
}

interface Waiting {
  kind: ExportKind;
  priority: boolean;
  start: () => void;
  cancel: () => void;
}

export interface SchedulerOptions {
  /** Exports of each kind rendered at the same time. */
  concurrency: Record<ExportKind, number>;
  /** Ad-hoc exports (all kinds together) allowed to wait for a slot; more are refused with 503. */
  maxWaiting: number;
}

/**
 * The one line every export goes through: at most `concurrency[kind]` exports of a kind run at
 * once (a PDF holds a Chromium page, tens of MB for a long document; a DOCX a worker thread
 * and a core) and at most `maxWaiting` ad-hoc exports wait, so that a burst is refused at once
 * rather than piling up. Packages wait ahead of ad-hoc exports. A waiting export whose client
 * leaves is dropped from the line.
 */
export class ExportScheduler {
  private readonly running: Record<ExportKind, number> = { pdf: 0, docx: 0 };
  /** Packages first (in arrival order), then ad-hoc exports (in arrival order). */
  private readonly waiting: Waiting[] = [];

  constructor(private readonly options: SchedulerOptions) {}

  active(kind: ExportKind): number {
    return this.running[kind];
  }

  queued(kind: ExportKind): number {
    return this.waiting.filter((w) => w.kind === kind).length;
  }

  async run<T>(kind: ExportKind, task: () => Promise<T>, options: ScheduleOptions = {}): Promise<T> {
    const { signal, priority = false } = options;
    if (signal?.aborted) throw new ExportAborted();
    if (this.running[kind] >= this.options.concurrency[kind]) await this.wait(kind, priority, signal);
    else this.running[kind]++;
    try {
      return await task();
    } finally {
      const index = this.waiting.findIndex((w) => w.kind === kind);
      // The slot passes straight to the next export of its kind, so `running` stays counted.
      if (index >= 0) this.waiting.splice(index, 1)[0]!.start();
      else this.running[kind]--;
    }
  }

  private wait(kind: ExportKind, priority: boolean, signal: AbortSignal | undefined): Promise<void> {
    if (!priority && this.waiting.filter((w) => !w.priority).length >= this.options.maxWaiting) throw exportBusy();
    return new Promise<void>((resolve, reject) => {
      const entry: Waiting = {
        kind,
        priority,
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
      const firstAdHoc = this.waiting.findIndex((w) => !w.priority);
      if (priority && firstAdHoc >= 0) this.waiting.splice(firstAdHoc, 0, entry);
      else this.waiting.push(entry);
    });
  }
}
