import type { Db } from './db';
import { documentSql } from './documentSql';
import { now } from './db';
import { WriteHealthTracker, type StoreWriteHealth } from './writeHealth';

/**
 * Persistence of Yjs documents: an append-only log of updates plus at most one snapshot per
 * document. The interface is synchronous, as better-sqlite3 is: another store (PostgreSQL) would
 * need the asynchronous one docs/ARCHITECTURE.md (« An asynchronous store ») describes.
 */
export interface DocumentStore {
  /** The snapshot (if any) followed by every update logged after it, in order. */
  load(docName: string): { snapshot: Uint8Array | null; updates: Uint8Array[] };
  /** Durably appends one update; throws when the store cannot write. */
  append(docName: string, update: Uint8Array): void;
  /** Durably appends updates in one transaction (all or none); throws when the store cannot write. */
  appendMany(entries: readonly LoggedUpdate[]): void;
  /** How many updates are logged after the snapshot. */
  pendingCount(docName: string): number;
  /** Replaces the snapshot by `state` and drops the updates it covers, atomically. */
  compact(docName: string, state: Uint8Array, coversUpTo: number): void;
  /** Id of the last logged update, to tell `compact` what a state covers. */
  lastUpdateId(docName: string): number;
  /**
   * Makes every appended update visible to the database's other connections (the background
   * compactor's): a store that journals updates first moves them now. Throws when it cannot.
   */
  drain(): void;
  /**
   * Makes every appended update visible to the store thread's connection before the next job
   * asked of it (a background compaction): moved now, or a move queued ahead of that job, which
   * the serving thread does not wait for. Throws when the store refuses writes.
   */
  drainAhead(): void;
  /** Outcome of the last write: a failure lasts until a write succeeds again. */
  writeHealth(): StoreWriteHealth;
}

export interface LoggedUpdate {
  docName: string;
  update: Uint8Array;
}

export type { StoreWriteHealth };

export function sqliteDocumentStore(db: Db): DocumentStore {
  const snapshot = db.prepare<[string], { state: Buffer; last_update_id: number }>(documentSql.snapshot);
  const updatesAfter = db.prepare<[string, number], { data: Buffer }>(documentSql.updatesAfter);
  const insert = db.prepare(documentSql.insertUpdate);
  const countAfter = db.prepare<[string, number], { n: number }>('SELECT count(*) AS n FROM doc_updates WHERE doc_name = ? AND id > ?');
  const lastId = db.prepare<[string], { id: number | null }>('SELECT max(id) AS id FROM doc_updates WHERE doc_name = ?');
  const upsertSnapshot = db.prepare(documentSql.upsertSnapshot);
  const dropCovered = db.prepare(documentSql.dropCovered);
  const mark = db.prepare<[string], { last_update_id: number }>(documentSql.snapshotMark);
  const snapshotMark = (docName: string): number => mark.get(docName)?.last_update_id ?? 0;

  const health = new WriteHealthTracker();
  const tracked =
    <A extends unknown[]>(write: (...args: A) => void) =>
    (...args: A): void => {
      try {
        write(...args);
        health.succeeded();
      } catch (error) {
        health.failed(error);
        throw error;
      }
    };

  // better-sqlite3 binds a Uint8Array as a BLOB as it is: no copy into a Buffer.
  const appendMany = db.transaction((entries: readonly LoggedUpdate[]) => {
    const at = now();
    for (const { docName, update } of entries) insert.run(docName, update, at);
  });

  const compact = db.transaction((docName: string, state: Uint8Array, coversUpTo: number) => {
    upsertSnapshot.run(docName, Buffer.from(state), coversUpTo, now());
    dropCovered.run(docName, coversUpTo);
  });

  return {
    load(docName) {
      const snap = snapshot.get(docName);
      const updates = updatesAfter.all(docName, snap?.last_update_id ?? 0).map((r) => new Uint8Array(r.data));
      return { snapshot: snap ? new Uint8Array(snap.state) : null, updates };
    },
    append: tracked((docName: string, update: Uint8Array) => {
      insert.run(docName, update, now());
    }),
    // A lone update commits by itself: BEGIN and COMMIT would be two more statements for nothing.
    appendMany: tracked((entries: readonly LoggedUpdate[]) =>
      entries.length === 1 ? void insert.run(entries[0]!.docName, entries[0]!.update, now()) : appendMany(entries),
    ),
    pendingCount: (docName) => countAfter.get(docName, snapshotMark(docName))!.n,
    compact: tracked((docName: string, state: Uint8Array, coversUpTo: number) => compact(docName, state, coversUpTo)),
    lastUpdateId: (docName) => lastId.get(docName)?.id ?? 0,
    // Appends are in the database as soon as they return.
    drain: () => {},
    drainAhead: () => {},
    writeHealth: () => health.current,
  };
}
