import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { sectionPlainText } from '../../schemas/sectionText';
import type { BackgroundCompactor } from '../../server/store/backgroundCompactor';
import { startStoreThread } from '../../server/store/storeThread';
import { openDatabase, type Db } from '../../server/store/db';
import { sqliteDocumentStore, type DocumentStore } from '../../server/store/documents';
import { appendParagraph } from '../helpers/richText';
import { tempDir } from '../helpers/testServer';

const silent = { debug() {}, info() {}, warn() {}, error() {} };
const section = 'objectifs-medicaux';
let db: Db;
let compactor: BackgroundCompactor;

afterEach(async () => {
  await compactor.stop();
  db.close();
});

/** Writes `count` paragraphs to the store as an editor would: one logged update each. */
function logParagraphs(doc: Y.Doc, store: DocumentStore, count: number, from = 0): void {
  const onUpdate = (update: Uint8Array) => store.append('doc', update);
  doc.on('update', onUpdate);
  for (let i = from; i < from + count; i++) appendParagraph(doc, section, `paragraphe ${i}`);
  doc.off('update', onUpdate);
}

function loaded(store: DocumentStore): Y.Doc {
  const { snapshot, updates } = store.load('doc');
  const doc = new Y.Doc();
  for (const update of snapshot ? [snapshot, ...updates] : updates) Y.applyUpdate(doc, update);
  return doc;
}

function open(): DocumentStore {
  db = openDatabase(tempDir());
  compactor = startStoreThread(db, { checkpointIntervalMs: 1000, idleMs: 60_000, logger: silent }).compactor;
  return sqliteDocumentStore(db);
}

describe('background compaction', () => {
  it('folds the log into a snapshot that loads to the same document; later updates stay logged after it', async () => {
    const store = open();
    const doc = new Y.Doc();
    logParagraphs(doc, store, 300);
    const compaction = compactor.compact('doc');
    // Whether the compactor reads before or after these, none is lost: it covers only what it read.
    logParagraphs(doc, store, 50, 300);
    expect(await compaction).toMatchObject({ status: 'compacted' });
    expect(store.load('doc').snapshot).not.toBeNull();
    expect(store.pendingCount('doc')).toBeLessThanOrEqual(50);
    logParagraphs(doc, store, 10, 350);
    expect(store.pendingCount('doc')).toBeGreaterThanOrEqual(10);
    const reloaded = loaded(store);
    expect(sectionPlainText(reloaded, section)).toBe(sectionPlainText(doc, section));
    expect(sectionPlainText(reloaded, section).split('\n')).toHaveLength(360);
    expect(await compactor.compact('doc')).toMatchObject({ status: 'compacted' });
    expect(store.pendingCount('doc')).toBe(0);
    expect(await compactor.compact('doc')).toMatchObject({ status: 'nothing' });
    expect(sectionPlainText(loaded(store), section)).toBe(sectionPlainText(doc, section));
  });

  it('runs once more after the current pass when asked again meanwhile, so nothing asked for is left out', async () => {
    const store = open();
    const doc = new Y.Doc();
    logParagraphs(doc, store, 100);
    const first = compactor.compact('doc');
    logParagraphs(doc, store, 10, 100);
    const second = compactor.compact('doc');
    expect(compactor.compact('doc')).toBe(second);
    await first;
    expect(await second).not.toMatchObject({ status: 'failed' });
    expect(store.pendingCount('doc')).toBe(0);
    expect(sectionPlainText(loaded(store), section).split('\n')).toHaveLength(110);
  });

  it('drops its result when the serving thread replaced the snapshot while it merged', async () => {
    const store = open();
    const doc = new Y.Doc();
    logParagraphs(doc, store, 200);
    // Hold the write lock: the compactor reads the log, merges, then waits for the lock...
    db.exec('BEGIN IMMEDIATE');
    const compaction = compactor.compact('doc');
    // Time for its thread to read and merge (at nice 10: slow on a busy machine, hence 2 s).
    await new Promise((r) => setTimeout(r, 2000));
    // ...while the serving thread compacts the document as it holds it and logs one more update.
    store.compact('doc', Y.encodeStateAsUpdate(doc), store.lastUpdateId('doc'));
    db.exec('COMMIT');
    logParagraphs(doc, store, 1, 200);
    expect(await compaction).toMatchObject({ status: 'superseded' });
    expect(sectionPlainText(loaded(store), section).split('\n')).toHaveLength(201);
  });

  it("gives its thread's memory back after each compaction: the merge's garbage is collected, not carried", async () => {
    const store = open();
    const doc = new Y.Doc();
    logParagraphs(doc, store, 10);
    // The first compaction loads Yjs into the thread: the heap it leaves is the baseline.
    const { heapBytes: baseline } = await compactor.compact('doc');
    logParagraphs(doc, store, 4000, 10);
    const large = await compactor.compact('doc');
    expect(large).toMatchObject({ status: 'compacted' });
    // Merging 4000 updates allocates tens of megabytes; what stays is the snapshot's bytes.
    expect(large.heapBytes! - baseline!).toBeLessThan(1024 * 1024);
    expect(sectionPlainText(loaded(store), section).split('\n')).toHaveLength(4010);
  });

  it('reports a store it cannot write to, and the log stays as it was', async () => {
    const store = open();
    const doc = new Y.Doc();
    logParagraphs(doc, store, 20);
    db.exec("CREATE TRIGGER refuse BEFORE DELETE ON doc_updates BEGIN SELECT RAISE(ABORT, 'disque plein'); END");
    const outcome = await compactor.compact('doc');
    expect(outcome).toMatchObject({ status: 'failed', error: expect.stringContaining('disque plein') });
    expect(store.load('doc').snapshot).toBeNull();
    expect(store.pendingCount('doc')).toBe(20);
  });
});
