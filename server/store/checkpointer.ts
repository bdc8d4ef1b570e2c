import type { Logger } from '../log';
import type { Db } from './db';
import type { StoreWorker } from './storeWorker';

/** What one checkpoint pass did (PRAGMA wal_checkpoint's row). */
export interface CheckpointPass {
  busy: number;
  /** Frames in the WAL. */
  log: number;
  /** Frames copied into the database so far. */
  checkpointed: number;
}

export interface Checkpointer {
  /** Resolves with the next pass (tests); rejects if the checkpointer has stopped. */
  nextPass(): Promise<CheckpointPass>;
  stop(): Promise<void>;
}

/**
 * Moves WAL checkpoints off the thread that serves editors, into the store thread
 * (storeThread.ts). SQLite otherwise checkpoints inside the commit that crosses 1000 WAL pages:
 * every few hundred appended updates one keystroke took 8–11 ms instead of 0.03 ms (an fsync of
 * the database file), and every peer of that document waited for it. The main connection's
 * automatic checkpoint is turned off; the store thread checkpoints on its timer. Durability is
 * unchanged: a commit is durable once in the WAL.
 */
export function checkpointerOn(thread: StoreWorker, db: Db, logger: Logger): Checkpointer {
  db.pragma('wal_autocheckpoint = 0');
  // Without automatic checkpoints the WAL file would keep its largest size: truncate it back.
  db.pragma('journal_size_limit = 16777216');
  const waiting: { resolve(pass: CheckpointPass): void; reject(error: Error): void }[] = [];
  let failing = false;
  thread.worker.on('message', (message: { type: string; pass?: CheckpointPass; error?: string }) => {
    if (message.type === 'checkpoint-error') {
      // A read-only or full disk: the store's writes report it to clients; log once per episode.
      if (!failing) logger.error('WAL checkpoint failed', { error: message.error });
      failing = true;
      return;
    }
    if (message.type !== 'pass') return;
    failing = false;
    for (const w of waiting.splice(0)) w.resolve(message.pass!);
  });
  void thread.ended.then(() => {
    for (const w of waiting.splice(0)) w.reject(new Error('checkpointer stopped'));
  });
  return {
    nextPass: () => (thread.stopped ? Promise.reject(new Error('checkpointer stopped')) : new Promise((resolve, reject) => waiting.push({ resolve, reject }))),
    stop: async () => {
      if (thread.stopped) return;
      await thread.stop();
      // The last connection to close checkpoints the whole WAL: restore the default for it.
      db.pragma('wal_autocheckpoint = 1000');
    },
  };
}
