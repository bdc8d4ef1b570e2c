import fs from 'node:fs';
import path from 'node:path';
import { afterEach } from 'vitest';
import * as Y from 'yjs';
import type { Logger } from '../../server/log';
import { openDatabase, type Db } from '../../server/store/db';
import { journaledDocumentStore, type JournaledDocumentStore } from '../../server/store/journaledDocuments';
import { startStoreThread, type StoreThread } from '../../server/store/storeThread';
import { waitFor } from './collabClient';

/**
 * For a test file: a logger that keeps the error messages, and cleanups; after each test the
 * cleanups run, last registered first, and the messages are forgotten.
 */
export function storeTestScope(): { logged: string[]; logger: Logger; cleanups: (() => Promise<void> | void)[] } {
  const logged: string[] = [];
  const logger: Logger = {
    debug() {},
    info() {},
    warn() {},
    error: (message: string) => void logged.push(message),
  };
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    logged.length = 0;
  });
  return { logged, logger, cleanups };
}

/** A journaled document store on a data directory, as the server opens it, with or without its store thread. */
export interface OpenedStore {
  db: Db;
  store: JournaledDocumentStore;
  thread: StoreThread | null;
  /** Closes the store (draining what is left), stops the thread, closes the database; once. */
  close(): Promise<void>;
}

export function openJournaledStore(
  dir: string,
  logger: Logger,
  { thread = true, drainIntervalMs = 60_000, checkpointIntervalMs = 60_000, idleMs = 60_000 } = {},
): OpenedStore {
  const db = openDatabase(dir);
  const storeThread = thread ? startStoreThread(db, { checkpointIntervalMs, idleMs, logger }) : null;
  const store = journaledDocumentStore(db, { file: path.join(dir, 'pmp.journal'), drainIntervalMs, logger, drainer: storeThread?.drainer });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    store.close();
    await storeThread?.stop();
    db.close();
  };
  return { db, store, thread: storeThread, close };
}

/** A client typing: each call gives the update of one keystroke. */
export function typist() {
  const doc = new Y.Doc();
  return (s: string) => {
    let update: Uint8Array | null = null;
    const keep = (u: Uint8Array) => (update = u);
    doc.on('update', keep);
    doc.getText('body').insert(doc.getText('body').length, s);
    doc.off('update', keep);
    return update!;
  };
}

export const rows = (db: Db, docName: string) => (db.prepare('SELECT count(*) AS n FROM doc_updates WHERE doc_name = ?').get(docName) as { n: number }).n;

export function textOf(store: JournaledDocumentStore, docName: string): string {
  const { snapshot, updates } = store.load(docName);
  const doc = new Y.Doc();
  for (const update of snapshot ? [snapshot, ...updates] : updates) Y.applyUpdate(doc, update);
  return doc.getText('body').toString();
}

export const lagGone = (store: JournaledDocumentStore) => waitFor(() => store.lag().records === 0, 10_000, 'the journal to be moved');

/**
 * Frames in the WAL and frames copied into the database, from the WAL index (the -shm file's
 * header, sqlite.org/walformat.html: mxFrame at byte 16, nBackfill at byte 96), read without
 * opening a connection that would itself take part in checkpoints.
 */
export function walFrames(dataDir: string): { frames: number; copied: number } {
  const header = fs.readFileSync(path.join(dataDir, 'pmp.sqlite-shm')).subarray(0, 136);
  return { frames: header.readUInt32LE(16), copied: header.readUInt32LE(96) };
}
