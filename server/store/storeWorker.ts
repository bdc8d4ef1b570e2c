import { createRequire } from 'node:module';
import { Worker, type Transferable } from 'node:worker_threads';
import type { Logger } from '../log';
import type { Db } from './db';

const resolve = createRequire(import.meta.url).resolve;

/** A store thread, its end, and how to stop it. */
export interface StoreWorker {
  worker: Worker;
  /** Resolves once the thread has exited (stopped, or crashed: then logged). */
  ended: Promise<void>;
  readonly stopped: boolean;
  /** Asks the thread to finish what it was asked and close its connection; resolves when it has. */
  stop(details?: Record<string, unknown>): Promise<void>;
}

/**
 * Niceness of the store threads (Linux): a compaction or a checkpoint takes the cores left over,
 * never one the serving thread or the editors' browsers on the same machine are waiting for. On
 * two cores a compaction of a 100-page document (50–100 ms of CPU) otherwise delayed the
 * keystrokes that arrived meanwhile.
 */
export const STORE_THREAD_NICENESS = 10;

/**
 * Runs first in every store thread. setpriority(PRIO_PROCESS, tid) on Linux changes one thread;
 * raising one's own niceness needs no privilege. Elsewhere (no /proc/thread-self) it does nothing.
 */
const lowerPriority = `
try {
  const tid = Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop());
  require('node:os').setPriority(tid, ${STORE_THREAD_NICENESS});
} catch {}
`;

/**
 * A thread with its own connection to the database, for store work that must not hold up the
 * thread serving editors. Its source is plain CommonJS evaluated in the thread (the server runs
 * from TypeScript sources, which a worker could not load by itself); it finds the database file
 * in `workerData.file` and the modules it may require, resolved here, in `workerData.modules`.
 * It must close its connection and port on the message `{ type: 'stop' }` (with the caller's
 * details). It runs at STORE_THREAD_NICENESS.
 */
export function startStoreWorker(
  source: string,
  db: Db,
  data: Record<string, unknown>,
  options: { name: string; logger: Logger; transferList?: Transferable[] },
): StoreWorker {
  const worker = new Worker(lowerPriority + source, {
    eval: true,
    workerData: { ...data, file: db.name, modules: { 'better-sqlite3': resolve('better-sqlite3'), yjs: resolve('yjs') } },
    transferList: options.transferList,
  });
  // The thread alone never keeps the process alive; only a stop in progress does (below).
  worker.unref();
  let stopped = false;
  const ended = new Promise<void>((resolve) => worker.once('exit', () => resolve())).then(() => {
    stopped = true;
  });
  worker.on('error', (error) => options.logger.error(`${options.name} stopped`, { error: String(error) }));
  return {
    worker,
    ended,
    get stopped() {
      return stopped;
    },
    async stop(details = {}) {
      if (stopped) return;
      // Held open until the thread has closed its connection, even if nothing else keeps the process alive.
      worker.ref();
      worker.postMessage({ ...details, type: 'stop' });
      await ended;
    },
  };
}
