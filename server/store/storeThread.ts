import type { Logger } from '../log';
import type { Db } from './db';
import { backgroundCompactorOn, type BackgroundCompactor } from './backgroundCompactor';
import { checkpointerOn, type Checkpointer } from './checkpointer';
import { journalDrainerOn, type JournalDrainer } from './journalDrainer';
import { storeThreadHost, type StoreThreadRun } from './storeThreadHost';

/**
 * The store's background work, in one thread with one connection (its code: storeThreadSource.ts):
 * WAL checkpoints on a timer, document-log compactions on request, and the move of the update
 * journal into the database (journaledDocuments.ts: one transaction every PMP_JOURNAL_DRAIN_MS,
 * which held the serving thread ~8 ms each time at ten editors typing). Two threads (one each,
 * until December 2026) held two V8 isolates and two connections for work that never needs to run
 * at once: a checkpoint and a compaction each take milliseconds to tens of milliseconds, and a
 * compaction waiting for a checkpoint (or the reverse) delays nobody, since neither is on an
 * editor's path. The thread runs only while there is work (storeThreadHost.ts): it starts on the
 * first need and stops after PMP_STORE_THREAD_IDLE_MS without any.
 */
export interface StoreThread {
  checkpointer: Checkpointer;
  compactor: BackgroundCompactor;
  /** Moves the update journal into the database (journaledDocuments.ts posts to it). */
  drainer: JournalDrainer;
  /**
   * Runs a PRAGMA on the thread's connection (starting the thread if none runs) and gives its
   * value. The fault tests break this connection as they break the serving one (`max_page_count`,
   * `query_only`): a full or read-only disk refuses both. It holds for that run of the thread only.
   */
  pragma(statement: string): Promise<unknown>;
  /** Whether a thread is taking work now, how many are still stopping, how many runs have started (tests). */
  state(): { running: boolean; stopping: number; starts: number };
  /** Ends the running thread at once, as a crash would (tests: the serving thread must notice). */
  crash(): Promise<void>;
  /** Finishes the compactions and drains asked for, closes the thread's connection, ends the thread; none starts after. */
  stop(): Promise<void>;
}

/**
 * The store's background thread, started on first need: checkpoints every `checkpointIntervalMs`
 * while it runs, compactions and journal drains on request; stopped after `idleMs` without work.
 */
export function startStoreThread(db: Db, options: { checkpointIntervalMs: number; idleMs: number; logger: Logger }): StoreThread {
  const host = storeThreadHost(db, options);
  const checkpointer = checkpointerOn(host, db, options.logger);
  const compactor = backgroundCompactorOn(host, options.logger);
  const drainer = journalDrainerOn(host);
  const pragmas = new Map<number, { run: StoreThreadRun; settle(outcome: PragmaOutcome): void }>();
  let nextPragma = 0;
  host.onStart((run) => {
    run.worker.on('message', (message: { type: string; id?: number; outcome?: PragmaOutcome }) => {
      if (message.type !== 'pragma') return;
      pragmas.get(message.id!)?.settle(message.outcome!);
      pragmas.delete(message.id!);
    });
    void run.ended.then(() => {
      for (const [id, asked] of pragmas) {
        if (asked.run !== run) continue;
        asked.settle({ ok: false, error: 'store thread stopped' });
        pragmas.delete(id);
      }
    });
  });
  host.holdWhile(() => pragmas.size > 0);
  return {
    checkpointer,
    compactor,
    drainer,
    pragma: (statement) =>
      new Promise((resolve, reject) => {
        const run = host.use();
        if (!run) return reject(new Error('store thread stopped'));
        const id = nextPragma++;
        pragmas.set(id, { run, settle: (outcome) => (outcome.ok ? resolve(outcome.value) : reject(new Error(outcome.error))) });
        run.worker.postMessage({ type: 'pragma', id, pragma: statement });
      }),
    state: () => ({ running: host.running !== null, stopping: host.stopping, starts: host.starts }),
    crash: () => host.crash(),
    stop: () => checkpointer.stop(),
  };
}

type PragmaOutcome = { ok: boolean; value?: unknown; error?: string };
