import type { Logger } from '../log';
import type { Db } from './db';
import { documentSql } from './documentSql';
import { sqliteDocumentStore, type DocumentStore, type LoggedUpdate } from './documents';
import type { DiskSpace } from './diskSpace';
import { WriteHealthTracker } from './writeHealth';
import { UpdateJournal, type JournalRecord } from './updateJournal';
import type { JournalDrainer } from './journalDrainer';

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
  /**
   * The store thread (storeThread.ts): the timed moves run there, off the serving thread (a move
   * starts it if none runs). Without it (command-line tools, unit tests), or once it has died, the
   * serving thread moves them.
   */
  drainer?: JournalDrainer;
}

/**
 * The document store the server uses: updates are made durable in the append-only journal
 * (one write per batch, see updateJournal.ts) and moved into SQLite's `doc_updates` in batches,
 * off the keystroke's path. What waits in the journal is also held in memory, so reads see it.
 * The move writes the journal offset it reached in the same transaction as the rows, so a
 * restart replays each record exactly once (and replaying twice would still be harmless: Yjs
 * updates are idempotent). While the database refuses the move (disk full, read-only file),
 * new updates are refused: the journal never grows beyond what the database may take.
 *
 * With a store thread the timed moves run there (journalDrainer.ts): the serving thread posts
 * the stretch of the file to move, keeps its records in memory until the answer comes, and
 * never waits for SQLite on the keystroke's path. A record stays in `pending` until the thread
 * says it is in the table, so a load in the meantime sees it (perhaps twice: harmless). The file
 * is emptied only when nothing is pending or in flight. Whenever the serving thread must know
 * the table holds everything (its own compaction of a document, shutdown), it waits for the
 * thread's answers, then moves the rest itself. A thread that dies is noticed (its drains are
 * answered `lost`): the mark in the database tells what it committed, and from then on the
 * serving thread drains, as without a thread.
 */
export function journaledDocumentStore(db: Db, options: JournalOptions): JournaledDocumentStore {
  const sqlite = sqliteDocumentStore(db);
  const drainBytes = options.drainBytes ?? 1 << 20;
  const rotateBytes = options.rotateBytes ?? 4 << 20;
  const insert = db.prepare(documentSql.insertUpdate);
  const readMark = db.prepare<[], { generation: number; drained_to: number }>(documentSql.journalMark);
  const writeMark = db.prepare(documentSql.writeJournalMark);
  const move = db.transaction((records: readonly JournalRecord[], generation: number) => {
    for (const record of records) insert.run(record.docName, record.update, new Date(record.at).toISOString());
    writeMark.run(generation, records[records.length - 1]!.end);
  });

  const mark = readMark.get();
  const opened = UpdateJournal.open(options.file, (mark?.generation ?? 0) + 1);
  const journal = opened.journal;
  /** Records not known to be in the database, oldest first, all of the journal's current generation. */
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
  /** The store thread while it answers; null: this thread moves the journal. */
  let drainer = options.drainer ?? null;
  /** Stretches posted to the store thread and not answered yet, oldest first. */
  const inFlight: { seq: number; to: number }[] = [];
  /** How many of `pending` (from the front) those stretches cover, and the bytes of the others. */
  let sent = 0;
  let unsentBytes = pendingBytes;
  let closed = false;

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
  // Only once every record is in the database, and no stretch of the file is being read.
  const rotateWhenDue = (): void => {
    if (pending.length === 0 && inFlight.length === 0 && (rotationOwed || journal.size >= rotateBytes)) rotate();
  };

  const succeeded = (updates: number): void => {
    if (drainFailing) options.logger.info('journal drained again', { updates });
    drainFailing = false;
    health.succeeded();
  };
  const failed = (error: unknown, updates: number): void => {
    if (!drainFailing) options.logger.error('journal drain failed', { updates, error: String(error) });
    drainFailing = true;
    health.failed(error);
  };
  /** Forgets the pending records that end at or before `to`: the database holds them. */
  const movedTo = (to: number): number => {
    let count = 0;
    while (count < pending.length && pending[count]!.end <= to) pendingBytes -= pending[count++]!.update.byteLength;
    if (count > 0) pending = pending.slice(count);
    return count;
  };

  /** Moves everything here, once the store thread has answered what it was asked. */
  const drain = (): void => {
    drainer?.settle();
    if (pending.length > 0) {
      const count = pending.length;
      try {
        move(pending, journal.generation);
      } catch (error) {
        failed(error, count);
        throw error;
      }
      pending = [];
      pendingBytes = 0;
      sent = 0;
      unsentBytes = 0;
      succeeded(count);
    }
    rotateWhenDue();
  };

  const drainQuietly = (): void => {
    try {
      drain();
    } catch {
      // Reported by the health and the log; retried on the next tick.
    }
  };

  const threadLost = (error: string): void => {
    drainer = null;
    inFlight.length = 0;
    sent = 0;
    unsentBytes = pendingBytes;
    options.logger.error('store thread lost: the journal is drained on the serving thread', { error });
    try {
      // What the thread committed before it went, the mark says.
      const reached = readMark.get();
      if (reached && reached.generation === journal.generation) movedTo(reached.drained_to);
    } catch {
      // Then the serving thread moves them again: rows twice in the log, which loads the same.
    }
    drainSoonQuietly();
  };

  /** Posts what is not yet asked for to the store thread (this thread moves it when there is none). */
  const drainInThread = (): void => {
    if (closed) return;
    if (!drainer) {
      drainQuietly();
      return;
    }
    if (sent < pending.length) {
      const to = pending[pending.length - 1]!.end;
      let seq: number;
      try {
        seq = drainer.post({ file: options.file, generation: journal.generation, from: pending[sent]!.start, to, records: pending.length - sent });
      } catch (error) {
        threadLost(String(error));
        return;
      }
      inFlight.push({ seq, to });
      sent = pending.length;
      unsentBytes = 0;
    } else {
      rotateWhenDue();
    }
    // Appends never let the thread's answer find the journal empty: empty it here, once.
    if (journal.size >= 2 * rotateBytes) drainQuietly();
  };

  options.drainer?.onAnswer((answer) => {
    const head = inFlight[0];
    // After a refusal, the later stretches are refused too (the mark is not where they start).
    if (closed || !head || head.seq !== answer.seq) return;
    inFlight.shift();
    if (answer.ok) {
      const count = movedTo(head.to);
      sent -= count;
      succeeded(count);
      rotateWhenDue();
      if (unsentBytes >= drainBytes) drainSoonQuietly();
      return;
    }
    inFlight.length = 0;
    sent = 0;
    unsentBytes = pendingBytes;
    if ('lost' in answer) return threadLost(answer.error);
    if (!answer.unreadable) return failed(answer.error, pending.length);
    // The records are in memory: moved from there, rather than asked again of a file that fails.
    options.logger.error('journal unreadable in the store thread: moved by the serving thread', { error: answer.error });
    drainQuietly();
  });

  const timer = setInterval(drainInThread, options.drainIntervalMs);
  timer.unref();
  let drainSoon: NodeJS.Immediate | null = null;
  function drainSoonQuietly(): void {
    drainSoon ??= setImmediate(() => {
      drainSoon = null;
      drainInThread();
    });
  }

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
      unsentBytes += record.update.byteLength;
    }
    // A burst: moved without waiting for the timer (what is already asked of the thread counts once).
    if (unsentBytes >= drainBytes) drainSoonQuietly();
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
    drainAhead() {
      if (!drainer) return drain();
      if (drainFailing) throw new Error(`store unavailable: ${health.current.writable ? 'journal' : health.current.error}`);
      drainInThread();
    },
    close() {
      clearInterval(timer);
      if (drainSoon) clearImmediate(drainSoon);
      try {
        drain();
      } catch (error) {
        options.logger.error('journal left for the next start', { updates: pending.length, error: String(error) });
      }
      closed = true;
      journal.close();
    },
  };
}
