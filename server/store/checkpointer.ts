import type { Logger } from '../log';
import type { Db } from './db';
import type { CheckpointPass, StoreThreadHost } from './storeThreadHost';

export interface Checkpointer {
  /** Resolves with the next pass (tests: there is none while no checkpoint is owed); rejects once the thread has crashed or been shut down. */
  nextPass(): Promise<CheckpointPass>;
  stop(): Promise<void>;
}

/**
 * Moves WAL checkpoints off the thread that serves editors, into the store thread
 * (storeThread.ts). SQLite otherwise checkpoints inside the commit that crosses 1000 WAL pages:
 * every few hundred appended updates one keystroke took 8–11 ms instead of 0.03 ms (an fsync of
 * the database file), and every peer of that document waited for it. The main connection's
 * automatic checkpoint is turned off; the store thread checkpoints on its timer while it runs,
 * and it runs whenever a checkpoint is owed (storeThreadHost.ts). Durability is unchanged: a
 * commit is durable once in the WAL.
 */
export function checkpointerOn(host: StoreThreadHost, db: Db, logger: Logger): Checkpointer {
  db.pragma('wal_autocheckpoint = 0');
  // Without automatic checkpoints the WAL file would keep its largest size: truncate it back.
  db.pragma('journal_size_limit = 16777216');
  const waiting: { resolve(pass: CheckpointPass): void; reject(error: Error): void }[] = [];
  let failing = false;
  host.onStart((run) => {
    run.worker.on('message', (message: { type: string; pass?: CheckpointPass; error?: string }) => {
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
    // An idle stop leaves the waiters for the next run's passes.
    void run.ended.then(() => {
      if (run.crashed || host.shutDown) for (const w of waiting.splice(0)) w.reject(new Error('checkpointer stopped'));
    });
  });
  return {
    nextPass: () => (host.shutDown ? Promise.reject(new Error('checkpointer stopped')) : new Promise((resolve, reject) => waiting.push({ resolve, reject }))),
    stop: async () => {
      if (host.shutDown) return;
      await host.shutdown();
      // The last connection to close checkpoints the whole WAL: restore the default for it.
      db.pragma('wal_autocheckpoint = 1000');
    },
  };
}
