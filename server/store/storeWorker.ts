import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Db } from './db';

const resolve = createRequire(import.meta.url).resolve;

/**
 * A thread with its own connection to the database, for store work that must not hold up the
 * thread serving editors. Its source is plain CommonJS evaluated in the thread (the server runs
 * from TypeScript sources, which a worker could not load by itself); it finds the database file
 * in `workerData.file` and the modules it may require, resolved here, in `workerData.modules`.
 */
export function startStoreWorker(source: string, db: Db, data: Record<string, unknown>): Worker {
  const worker = new Worker(source, {
    eval: true,
    workerData: { ...data, file: db.name, modules: { 'better-sqlite3': resolve('better-sqlite3'), yjs: resolve('yjs') } },
  });
  worker.unref();
  return worker;
}
