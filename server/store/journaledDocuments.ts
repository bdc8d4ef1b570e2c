import type { Logger } from '../log';
import type { Db } from './db';
import { documentSql } from './documentSql';
import { sqliteDocumentStore, type DocumentStore, type LoggedUpdate } from './documents';
import type { DiskSpace } from './diskSpace';
import { WriteHealthTracker } from './writeHealth';
import { UpdateJournal, type JournalRecord } from './updateJournal';

export interface JournaledDocumentStore extends DocumentStore {
  /** Drains what it can and closes the journal (shutdown); what is left is replayed at the next start. */
  close(): void;
  /** Journaled updates not yet moved into SQLite, and the age of the oldest (metrics). */
  lag(): { records: number; bytes: number; oldestMs: number };
}

export interface JournalOptions {
  /** The journal file, next to the database. */
  file: string;
  /** The journal is moved into the database this often. */
  drainIntervalMs: number;
  /** …or as soon as this many bytes wait (a burst). */
  drainBytes?: number;
  /** Past this size, a drained journal is emptied. */
  rotateBytes?: number;
  logger: Logger;
  /** Below the free-space floor, updates are refused before touching the journal. */
  disk?: Pick<DiskSpace, 'low'>;
}

/**
 * The document store the server uses: updates are made durable in the append-only journal
 * (one write per batch, see updateJournal.ts) and moved into SQLite's `doc_updates` in batches,
 * off the keystroke's path. What waits in the journal is also held in memory, so reads see it.
 * The move writes the journal offset it reached in the same transaction as the rows, so a
 * restart replays each record exactly once (and replaying twice would still be harmless: Yjs
 * updates are idempotent). While the database refuses the move (disk full, read-only file),
 * new updates are refused: the journal never grows beyond what the database may take.
 */
export function journaledDocumentStore(db: Db, options: JournalOptions): JournaledDocumentStore {
  const sqlite = sqliteDocumentStore(db);
  const drainBytes = options.drainBytes ?? 1 << 20;
  const rotateBytes = options.rotateBytes ?? 4 << 20;
  const insert = db.prepare(documentSql.insertUpdate);
  const readMark = db.prepare<[], { generation: number; drained_to: number }>('SELECT generation, drained_to FROM doc_journal_mark WHERE id = 1');
  const writeMark = db.prepare(
    `INSERT INTO doc_journal_mark (id, generation, drained_to) VALUES (1, ?, ?)
     ON CONFLICT (id) DO UPDATE SET generation = excluded.generation, drained_to = excluded.drained_to`,
  );
  const move = db.transaction((records: readonly JournalRecord[], generation: number) => {
    for (const record of records) insert.run(record.docName, record.update, new Date(record.at).toISOString());
    writeMark.run(generation, records[records.length - 1]!.end);
  });

  const mark = readMark.get();
  const opened = UpdateJournal.open(options.file, (mark?.generation ?? 0) + 1);
  const journal = opened.journal;
  let pending: JournalRecord[] =
    mark && mark.generation === journal.generation ? opened.records.filter((record) => record.end > mark.drained_to) : opened.records;
  let pendingBytes = pending.reduce((sum, record) => sum + record.update.byteLength, 0);

  const health = new WriteHealthTracker();
  /** The last move failed: updates are refused until one succeeds. */
  let drainFailing = false;
  /**
   * The file must get a fresh generation before anything is appended: at start-up (whatever the
   * old file holds after its sound records, and whatever mark the database has, no new record
   * may be mistaken), and after a failed emptying (the file emptied but its new header not
   * written: records under the old generation would sit below the old mark, where a replay
   * would skip them).
   */
  let rotationOwed = true;

  const rotate = (): void => {
    try {
      journal.rotate();
      rotationOwed = false;
    } catch (error) {
      rotationOwed = true;
      health.failed(error);
      options.logger.error('journal rotation failed', { error: String(error) });
    }
  };

  const drain = (): void => {
    if (pending.length > 0) {
      try {
        move(pending, journal.generation);
      } catch (error) {
        if (!drainFailing) options.logger.error('journal drain failed', { updates: pending.length, error: String(error) });
        drainFailing = true;
        health.failed(error);
        throw error;
      }
      if (drainFailing) options.logger.info('journal drained again', { updates: pending.length });
      pending = [];
      pendingBytes = 0;
      drainFailing = false;
      health.succeeded();
    }
    if (rotationOwed || journal.size >= rotateBytes) rotate();
  };

  const drainQuietly = (): void => {
    try {
      drain();
    } catch {
      // Reported by the health and the log; retried on the next tick.
    }
  };
  const timer = setInterval(drainQuietly, options.drainIntervalMs);
  timer.unref();
  let drainSoon: NodeJS.Immediate | null = null;

  const appendMany = (entries: readonly LoggedUpdate[]): void => {
    if (drainFailing || rotationOwed) throw new Error(`store unavailable: ${health.current.writable ? 'journal' : health.current.error}`);
    // Not a store failure: /api/health reports the floor itself, and is well again once space is freed.
    if (options.disk?.low()) throw new Error('store unavailable: free space below PMP_MIN_FREE_BYTES');
    let records: JournalRecord[];
    try {
      records = journal.append(entries, Date.now());
    } catch (error) {
      health.failed(error);
      throw error;
    }
    health.succeeded();
    for (const record of records) {
      pending.push(record);
      pendingBytes += record.update.byteLength;
    }
    if (pendingBytes >= drainBytes) {
      drainSoon ??= setImmediate(() => {
        drainSoon = null;
        drainQuietly();
      });
    }
  };

  const waiting = (docName: string) => pending.filter((record) => record.docName === docName);

  // What a previous process journaled but did not move: into the database before anything reads.
  drainQuietly();

  return {
    load(docName) {
      const stored = sqlite.load(docName);
      return { snapshot: stored.snapshot, updates: [...stored.updates, ...waiting(docName).map((record) => record.update)] };
    },
    append: (docName, update) => appendMany([{ docName, update }]),
    appendMany,
    pendingCount: (docName) => sqlite.pendingCount(docName) + waiting(docName).length,
    compact(docName, state, coversUpTo) {
      try {
        sqlite.compact(docName, state, coversUpTo);
      } catch (error) {
        health.failed(error);
        throw error;
      }
    },
    // What a compaction will cover: the journaled updates too, or their later move would log
    // them again after the snapshot that holds them.
    lastUpdateId(docName) {
      drain();
      return sqlite.lastUpdateId(docName);
    },
    writeHealth: () => health.current,
    lag: () => ({ records: pending.length, bytes: pendingBytes, oldestMs: pending.length ? Math.max(0, Date.now() - pending[0]!.at) : 0 }),
    drain,
    close() {
      clearInterval(timer);
      if (drainSoon) clearImmediate(drainSoon);
      try {
        drain();
      } catch (error) {
        options.logger.error('journal left for the next start', { updates: pending.length, error: String(error) });
      }
      journal.close();
    },
  };
}
