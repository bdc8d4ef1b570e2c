import type { Logger } from '../log';
import type { StoreWorker } from './storeWorker';

/** What one background compaction did. */
export type CompactionOutcome =
  | { status: 'compacted'; coversUpTo: number; bytesBefore: number; bytesAfter: number }
  /** Nothing logged after the snapshot. */
  | { status: 'nothing' }
  /** The snapshot changed while merging (the serving thread compacted): this result was dropped. */
  | { status: 'superseded' }
  | { status: 'failed'; error: string };

export interface BackgroundCompactor {
  /** Folds the document's logged updates into its snapshot, in the store thread. */
  compact(docName: string): Promise<CompactionOutcome>;
  stop(): Promise<void>;
}

/**
 * Compacts document logs in the store thread (storeThread.ts). Re-encoding a loaded 100-page
 * document and writing its snapshot held the serving thread for tens of milliseconds every
 * `PMP_COMPACT_EVERY` updates, and every peer of every document waited; here the serving thread
 * only posts a message. One request per document at a time; requests for other documents queue.
 */
export function backgroundCompactorOn(thread: StoreWorker, logger: Logger): BackgroundCompactor {
  const waiting = new Map<number, (outcome: CompactionOutcome) => void>();
  const inFlight = new Map<string, Promise<CompactionOutcome>>();
  let nextId = 0;
  thread.worker.on('message', (message: { type: string; id?: number; outcome?: CompactionOutcome }) => {
    if (message.type !== 'compacted') return;
    const outcome = message.outcome!;
    if (outcome.status === 'failed') logger.warn('background compaction failed', { error: outcome.error });
    waiting.get(message.id!)?.(outcome);
    waiting.delete(message.id!);
  });
  void thread.ended.then(() => {
    for (const settle of waiting.values()) settle({ status: 'failed', error: 'compactor stopped' });
    waiting.clear();
  });
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
    if (thread.stopped) return Promise.resolve({ status: 'failed', error: 'compactor stopped' });
    const id = nextId++;
    const outcome = new Promise<CompactionOutcome>((resolve) => waiting.set(id, resolve)).finally(() => inFlight.delete(docName));
    inFlight.set(docName, outcome);
    thread.worker.postMessage({ type: 'compact', id, docName });
    return outcome;
  };
  return {
    compact,
    // Compactions already asked for finish first: the thread handles messages in order.
    stop: () => thread.stop(),
  };
}
