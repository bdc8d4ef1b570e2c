/**
 * The store thread's code: plain CommonJS evaluated in the thread (storeWorker.ts says why). One
 * connection; WAL checkpoints on a timer while it runs; compactions, journal drains and PRAGMAs
 * on request; on `{ type: 'stop' }` a last checkpoint if asked, then its connection closes.
 * Checkpoint: PASSIVE, so the serving connection keeps appending meanwhile. Compaction: the merge
 * happens outside any write lock, on the encoded updates (Y.mergeUpdates, no Y.Doc); the write is
 * one short transaction that first checks that nobody replaced the snapshot in the meantime.
 * Updates appended during the merge have higher ids and stay in the log. Yjs is loaded on the
 * first compaction. After each compaction that merged, the thread runs a full collection of its
 * own heap (4-8 ms measured, at the thread's low priority): the merge leaves megabytes of Yjs structures
 * and row buffers that this mostly idle thread would otherwise carry until its next major
 * collection; with it the light-load bench's mean RSS fell from 99 to 92 MiB (compactions
 * switched off: 89-91). `gc` is exposed the way jest's leak detector does it, so the thread
 * collects however the server was launched. The flag is process-wide but only puts `gc` in
 * contexts created after it, and no context of the server runs code from users (the import's
 * happy-dom window has JavaScript disabled).
 */
export const storeThreadSource = `
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
const v8 = require('node:v8');
v8.setFlagsFromString('--expose-gc');
const collectGarbage = require('node:vm').runInNewContext('gc');
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
const compactThenCollect = (docName) => {
  let outcome;
  try {
    outcome = compact(docName);
  } catch (error) {
    outcome = { status: 'failed', error: String(error) };
  }
  // A pass that found nothing to merge made no garbage: no collection for it.
  if (outcome.status !== 'nothing') collectGarbage();
  return { ...outcome, heapBytes: v8.getHeapStatistics().used_heap_size };
};

// The journal drain: a stretch of the journal file (records framed as updateJournal.ts writes
// them) moved into doc_updates with the drain mark, in one transaction that first checks that
// the mark is where the stretch starts: after a refused move, the later stretches already asked
// for are refused too, so the mark can never pass over a record that is not in the table.
const { crc32 } = require('node:zlib');
const fs = require('node:fs');
const insertUpdate = db.prepare(sql.insertUpdate);
const journalMark = db.prepare(sql.journalMark);
const writeJournalMark = db.prepare(sql.writeJournalMark);
const drainSignal = new Int32Array(workerData.drain.signal);
const journals = new Map();
const readStretch = (file, from, to) => {
  let fd = journals.get(file);
  if (fd === undefined) journals.set(file, (fd = fs.openSync(file, 'r')));
  const bytes = Buffer.allocUnsafe(to - from);
  for (let read = 0; read < bytes.length; ) {
    const n = fs.readSync(fd, bytes, read, bytes.length - read, from + read);
    if (n === 0) throw new Error('journal shorter than the stretch asked for');
    read += n;
  }
  return bytes;
};
const recordsOf = (bytes) => {
  const records = [];
  for (let offset = 0; offset < bytes.length; ) {
    const length = bytes.readUInt32LE(offset);
    const body = bytes.subarray(offset + 8, offset + 8 + length);
    if (body.length !== length || crc32(body) !== bytes.readUInt32LE(offset + 4)) throw new Error('journal record unsound at ' + offset);
    const nameLength = body.readUInt16LE(8);
    records.push({ at: new Date(body.readDoubleLE(0)).toISOString(), docName: body.toString('utf8', 10, 10 + nameLength), update: body.subarray(10 + nameLength) });
    offset += 8 + length;
  }
  return records;
};
class Unreadable extends Error {}
const move = db.transaction((request, records) => {
  const mark = journalMark.get();
  if (mark && mark.generation === request.generation && mark.drained_to !== request.from) {
    throw new Unreadable('journal stretch out of order: the mark is at ' + mark.drained_to + ', the stretch starts at ' + request.from);
  }
  for (const record of records) insertUpdate.run(record.docName, record.update, record.at);
  writeJournalMark.run(request.generation, request.to);
});
const drain = (request) => {
  let answer;
  try {
    let records;
    try {
      records = recordsOf(readStretch(request.file, request.from, request.to));
    } catch (error) {
      throw new Unreadable(String(error));
    }
    if (records.length !== request.records) throw new Unreadable('journal stretch holds ' + records.length + ' records, ' + request.records + ' expected');
    move.immediate(request, records);
    answer = { seq: request.seq, ok: true };
  } catch (error) {
    // Unreadable: the serving thread holds the records and moves them itself; else SQLite refused.
    answer = { seq: request.seq, ok: false, error: String(error), unreadable: error instanceof Unreadable };
  }
  workerData.drain.port.postMessage(answer);
  Atomics.store(drainSignal, 0, request.seq);
  Atomics.notify(drainSignal, 0);
};

parentPort.on('message', (message) => {
  if (message.type === 'stop') {
    clearInterval(timer);
    // The last pass, after everything asked before the stop: the serving side knows from it
    // whether the WAL was left fully copied (storeThreadHost.ts).
    if (message.finalCheckpoint) {
      let pass = null;
      try {
        [pass] = db.pragma('wal_checkpoint(PASSIVE)');
      } catch {}
      parentPort.postMessage({ type: 'final-pass', pass });
    }
    for (const fd of journals.values()) fs.closeSync(fd);
    db.close();
    workerData.drain.port.close();
    parentPort.close();
    return;
  }
  if (message.type === 'drain') return drain(message);
  if (message.type === 'pragma') {
    let outcome;
    try {
      outcome = { ok: true, value: db.pragma(message.pragma, { simple: true }) };
    } catch (error) {
      outcome = { ok: false, error: String(error) };
    }
    return parentPort.postMessage({ type: 'pragma', id: message.id, outcome });
  }
  parentPort.postMessage({ type: 'compacted', id: message.id, outcome: compactThenCollect(message.docName) });
});
`;
