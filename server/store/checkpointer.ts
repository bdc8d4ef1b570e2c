import type { Logger } from '../log';
import type { Db } from './db';
import { startStoreWorker } from './storeWorker';

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
 * Runs in its own thread with its own connection. A PASSIVE checkpoint copies what it can
 * without taking the writer's lock, so the main connection keeps appending meanwhile.
 */
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const db = new (require(workerData.modules['better-sqlite3']))(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
const pass = () => {
  try {
    const [row] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ type: 'pass', pass: row });
  } catch (error) {
    parentPort.postMessage({ type: 'error', error: String(error) });
  }
};
const timer = setInterval(pass, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message.type !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * Moves WAL checkpoints off the thread that serves editors. SQLite otherwise checkpoints inside
 * the commit that crosses 1000 WAL pages: every few hundred appended updates one keystroke took
 * 8–11 ms instead of 0.03 ms (an fsync of the database file), and every peer of that document
 * waited for it. The main connection's automatic checkpoint is turned off; this thread
 * checkpoints every `intervalMs`. Durability is unchanged: a commit is durable once in the WAL.
 */
export function startCheckpointer(db: Db, options: { intervalMs: number; logger: Logger }): Checkpointer {
  db.pragma('wal_autocheckpoint = 0');
  // Without automatic checkpoints the WAL file would keep its largest size: truncate it back.
  db.pragma('journal_size_limit = 16777216');
  const thread = startStoreWorker(workerSource, db, { intervalMs: options.intervalMs }, { name: 'WAL checkpointer', logger: options.logger });
  const waiting: { resolve(pass: CheckpointPass): void; reject(error: Error): void }[] = [];
  let failing = false;
  thread.worker.on('message', (message: { type: 'pass'; pass: CheckpointPass } | { type: 'error'; error: string }) => {
    if (message.type === 'error') {
      // A read-only or full disk: the store's writes report it to clients; log once per episode.
      if (!failing) options.logger.error('WAL checkpoint failed', { error: message.error });
      failing = true;
      return;
    }
    failing = false;
    for (const w of waiting.splice(0)) w.resolve(message.pass);
  });
  void thread.ended.then(() => {
    for (const w of waiting.splice(0)) w.reject(new Error('checkpointer stopped'));
  });
  return {
    nextPass: () =>
      thread.stopped ? Promise.reject(new Error('checkpointer stopped')) : new Promise((resolve, reject) => waiting.push({ resolve, reject })),
    stop: async () => {
      if (thread.stopped) return;
      await thread.stop();
      // The last connection to close checkpoints the whole WAL: restore the default for it.
      db.pragma('wal_autocheckpoint = 1000');
    },
  };
}
