import type { Logger } from '../log';
import type { Db } from './db';
import { documentSql } from './documentSql';
import { startStoreWorker } from './storeWorker';

/** What one background compaction did. */
export type CompactionOutcome =
  | { status: 'compacted'; coversUpTo: number; bytesBefore: number; bytesAfter: number }
  /** Nothing logged after the snapshot. */
  | { status: 'nothing' }
  /** The snapshot changed while merging (the serving thread compacted): this result was dropped. */
  | { status: 'superseded' }
  | { status: 'failed'; error: string };

export interface BackgroundCompactor {
  /** Folds the document's logged updates into its snapshot, in the background thread. */
  compact(docName: string): Promise<CompactionOutcome>;
  stop(): Promise<void>;
}

/**
 * The merge happens outside any write lock, on the encoded updates (Y.mergeUpdates, no Y.Doc);
 * the write is one short transaction that first checks that nobody replaced the snapshot in the
 * meantime. Updates appended during the merge have higher ids and stay in the log.
 */
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Y = require(workerData.modules.yjs);
const db = new (require(workerData.modules['better-sqlite3']))(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
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
parentPort.on('message', (message) => {
  if (message.type === 'stop') {
    db.close();
    parentPort.close();
    return;
  }
  const { id, docName } = message;
  try {
    const { snap, from, rows } = read(docName);
    if (rows.length === 0) return parentPort.postMessage({ id, outcome: { status: 'nothing' } });
    const parts = (snap ? [snap.state, ...rows.map((r) => r.data)] : rows.map((r) => r.data)).map((b) => new Uint8Array(b));
    const merged = Y.mergeUpdates(parts);
    const coversUpTo = rows[rows.length - 1].id;
    const done = write.immediate(docName, from, Buffer.from(merged), coversUpTo);
    const bytesBefore = parts.reduce((n, p) => n + p.byteLength, 0);
    parentPort.postMessage({ id, outcome: done ? { status: 'compacted', coversUpTo, bytesBefore, bytesAfter: merged.byteLength } : { status: 'superseded' } });
  } catch (error) {
    parentPort.postMessage({ id, outcome: { status: 'failed', error: String(error) } });
  }
});
`;

/**
 * Compacts document logs in a thread of its own. Re-encoding a loaded 100-page document and
 * writing its snapshot held the serving thread for tens of milliseconds every
 * `PMP_COMPACT_EVERY` updates, and every peer of every document waited; here the serving thread
 * only posts a message. One request per document at a time; requests for other documents queue.
 */
export function startBackgroundCompactor(db: Db, logger: Logger): BackgroundCompactor {
  const thread = startStoreWorker(workerSource, db, { sql: documentSql }, { name: 'background compactor', logger });
  const waiting = new Map<number, (outcome: CompactionOutcome) => void>();
  const inFlight = new Map<string, Promise<CompactionOutcome>>();
  let nextId = 0;
  thread.worker.on('message', ({ id, outcome }: { id: number; outcome: CompactionOutcome }) => {
    if (outcome.status === 'failed') logger.warn('background compaction failed', { error: outcome.error });
    waiting.get(id)?.(outcome);
    waiting.delete(id);
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
