import type { Logger } from '../log';
import type { Db } from './db';
import { documentSql } from './documentSql';
import { backgroundCompactorOn, type BackgroundCompactor } from './backgroundCompactor';
import { checkpointerOn, type Checkpointer } from './checkpointer';
import { startStoreWorker } from './storeWorker';

/**
 * The store's background work, in one thread with one connection: WAL checkpoints on a timer
 * and document-log compactions on request. Two threads (one each, until December 2026) held two
 * V8 isolates and two connections for work that never needs to run at once: a checkpoint and a
 * compaction each take milliseconds to tens of milliseconds, and a compaction waiting for a
 * checkpoint (or the reverse) delays nobody, since neither is on an editor's path. Yjs is
 * loaded on the first compaction.
 *
 * Checkpoint: PASSIVE, so the serving connection keeps appending meanwhile. Compaction: the merge
 * happens outside any write lock, on the encoded updates (Y.mergeUpdates, no Y.Doc); the write is
 * one short transaction that first checks that nobody replaced the snapshot in the meantime.
 * Updates appended during the merge have higher ids and stay in the log.
 */
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const db = new (require(workerData.modules['better-sqlite3']))(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');

const checkpoint = () => {
  try {
    const [row] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ type: 'pass', pass: row });
  } catch (error) {
    parentPort.postMessage({ type: 'checkpoint-error', error: String(error) });
  }
};
const timer = setInterval(checkpoint, workerData.checkpointIntervalMs);

let Y = null;
const sql = workerData.sql;
const snapshot = db.prepare(sql.snapshot);
const mark = db.prepare(sql.snapshotMark);
const updatesAfter = db.prepare(sql.updatesAfter);
const upsert = db.prepare(sql.upsertSnapshot);
const dropCovered = db.prepare(sql.dropCovered);
const read = db.transaction((docName) => {
  const snap = snapshot.get(docName);
  const from = snap ? snap.last_update_id : 0;
  return { snap, from, rows: updatesAfter.all(docName, from) };
});
const write = db.transaction((docName, from, state, coversUpTo) => {
  const current = mark.get(docName);
  if ((current ? current.last_update_id : 0) !== from) return false;
  upsert.run(docName, state, coversUpTo, new Date().toISOString());
  dropCovered.run(docName, coversUpTo);
  return true;
});
const compact = (docName) => {
  const { snap, from, rows } = read(docName);
  if (rows.length === 0) return { status: 'nothing' };
  Y ??= require(workerData.modules.yjs);
  const parts = (snap ? [snap.state, ...rows.map((r) => r.data)] : rows.map((r) => r.data)).map((b) => new Uint8Array(b));
  const merged = Y.mergeUpdates(parts);
  const coversUpTo = rows[rows.length - 1].id;
  const done = write.immediate(docName, from, Buffer.from(merged), coversUpTo);
  const bytesBefore = parts.reduce((n, p) => n + p.byteLength, 0);
  return done ? { status: 'compacted', coversUpTo, bytesBefore, bytesAfter: merged.byteLength } : { status: 'superseded' };
};

parentPort.on('message', (message) => {
  if (message.type === 'stop') {
    clearInterval(timer);
    db.close();
    parentPort.close();
    return;
  }
  let outcome;
  try {
    outcome = compact(message.docName);
  } catch (error) {
    outcome = { status: 'failed', error: String(error) };
  }
  parentPort.postMessage({ type: 'compacted', id: message.id, outcome });
});
`;

export interface StoreThread {
  checkpointer: Checkpointer;
  compactor: BackgroundCompactor;
  /** Finishes the compactions asked for, closes the thread's connection, ends the thread. */
  stop(): Promise<void>;
}

/** Starts the store's background thread (checkpoints every `checkpointIntervalMs`, compactions on request). */
export function startStoreThread(db: Db, options: { checkpointIntervalMs: number; logger: Logger }): StoreThread {
  const thread = startStoreWorker(workerSource, db, { checkpointIntervalMs: options.checkpointIntervalMs, sql: documentSql }, { name: 'store thread', logger: options.logger });
  const checkpointer = checkpointerOn(thread, db, options.logger);
  const compactor = backgroundCompactorOn(thread, options.logger);
  return { checkpointer, compactor, stop: () => checkpointer.stop() };
}
