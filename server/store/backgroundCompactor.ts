import type { Logger } from '../log';
import type { StoreThreadHost, StoreThreadRun } from './storeThreadHost';

/** What one background compaction did. */
export type CompactionOutcome = (
  | { status: 'compacted'; coversUpTo: number; bytesBefore: number; bytesAfter: number }
  /** Nothing logged after the snapshot. */
  | { status: 'nothing' }
  /** The snapshot changed while merging (the serving thread compacted): this result was dropped. */
  | { status: 'superseded' }
  | { status: 'failed'; error: string }
) & {
  /** The store thread's V8 heap in use once the compaction is done (and the collection after a merge). */
  heapBytes?: number;
};

export interface BackgroundCompactor {
  /** Folds the document's logged updates into its snapshot, in the store thread. */
  compact(docName: string): Promise<CompactionOutcome>;
  stop(): Promise<void>;
}

/**
 * Compacts document logs in the store thread (storeThread.ts; a request starts it if none runs).
 * Re-encoding a loaded 100-page document and writing its snapshot held the serving thread for
 * tens of milliseconds every `PMP_COMPACT_EVERY` updates, and every peer of every document
 * waited; here the serving thread only posts a message. One request per document at a time;
 * requests for other documents queue.
 */
export function backgroundCompactorOn(host: StoreThreadHost, logger: Logger): BackgroundCompactor {
  /** Asked and not answered yet, with the run each went to. */
  const waiting = new Map<number, { run: StoreThreadRun; settle(outcome: CompactionOutcome): void }>();
  const inFlight = new Map<string, Promise<CompactionOutcome>>();
  let nextId = 0;
  host.onStart((run) => {
    run.worker.on('message', (message: { type: string; id?: number; outcome?: CompactionOutcome }) => {
      if (message.type !== 'compacted') return;
      const outcome = message.outcome!;
      if (outcome.status === 'failed') logger.warn('background compaction failed', { error: outcome.error });
      waiting.get(message.id!)?.settle(outcome);
      waiting.delete(message.id!);
    });
    void run.ended.then(() => {
      for (const [id, asked] of waiting) {
        if (asked.run !== run) continue;
        asked.settle({ status: 'failed', error: 'compactor stopped' });
        waiting.delete(id);
      }
    });
  });
  host.holdWhile(() => waiting.size > 0);
  /** A second request while one runs gets one more pass after it (shared by every such caller). */
  const followUps = new Map<string, Promise<CompactionOutcome>>();
  const compact = (docName: string): Promise<CompactionOutcome> => {
    const running = inFlight.get(docName);
    if (running) {
      let next = followUps.get(docName);
      if (!next) {
        next = running.then(() => {
          followUps.delete(docName);
          return compact(docName);
        });
        followUps.set(docName, next);
      }
      return next;
    }
    const run = host.use();
    if (!run || run.stopped) return Promise.resolve({ status: 'failed', error: 'compactor stopped' });
    const id = nextId++;
    const outcome = new Promise<CompactionOutcome>((settle) => waiting.set(id, { run, settle })).finally(() => inFlight.delete(docName));
    inFlight.set(docName, outcome);
    run.worker.postMessage({ type: 'compact', id, docName });
    return outcome;
  };
  return {
    compact,
    // Compactions already asked for finish first: the thread handles messages in order.
    stop: () => host.shutdown(),
  };
}
