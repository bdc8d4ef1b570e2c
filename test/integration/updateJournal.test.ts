import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createLogger } from '../../server/log';
import { openDatabase, type Db } from '../../server/store/db';
import { journaledDocumentStore, type JournaledDocumentStore, type JournalOptions } from '../../server/store/journaledDocuments';
import { journalHeaderBytes } from '../../server/store/updateJournal';
import { tempDir } from '../helpers/testServer';

/**
 * The real SQLite file and the real journal file. A "crash" is a process that stops without
 * closing anything: here, a store that is simply abandoned (its timer never fires within the
 * test) while a new one opens the same files, as the restarted server would.
 */
const opened: { db: Db; store: JournaledDocumentStore }[] = [];
afterEach(() => {
  for (const { db, store } of opened.splice(0)) {
    try {
      store.close();
    } catch {
      /* a store the test broke on purpose */
    }
    db.close();
  }
});

function open(dir: string, options: Partial<JournalOptions> = {}) {
  const db = openDatabase(dir);
  let store: JournaledDocumentStore;
  try {
    store = journaledDocumentStore(db, {
      file: path.join(dir, 'pmp.journal'),
      drainIntervalMs: 60_000,
      logger: createLogger('silent'),
      ...options,
    });
  } catch (error) {
    db.close();
    throw error;
  }
  opened.push({ db, store });
  return { db, store };
}

/** A client typing: each call gives the update of one keystroke. */
function typist(text = 'body') {
  const doc = new Y.Doc();
  return (s: string) => {
    let update: Uint8Array | null = null;
    const keep = (u: Uint8Array) => (update = u);
    doc.on('update', keep);
    doc.getText(text).insert(doc.getText(text).length, s);
    doc.off('update', keep);
    return update!;
  };
}

const rows = (db: Db, docName: string) => (db.prepare('SELECT count(*) AS n FROM doc_updates WHERE doc_name = ?').get(docName) as { n: number }).n;

function textOf(store: JournaledDocumentStore, docName: string): string {
  const { snapshot, updates } = store.load(docName);
  const doc = new Y.Doc();
  for (const update of snapshot ? [snapshot, ...updates] : updates) Y.applyUpdate(doc, update);
  return doc.getText('body').toString();
}

describe('update journal', () => {
  it('holds an update before the database does, serves it to reads, and a restart moves it exactly once', () => {
    const dir = tempDir('pmp-journal-');
    const first = open(dir);
    const a = typist();
    const b = typist();
    first.store.appendMany([
      { docName: 'a', update: a('Bon') },
      { docName: 'b', update: b('Projet') },
    ]);
    first.store.append('a', a('jour'));
    expect(rows(first.db, 'a')).toBe(0);
    expect(textOf(first.store, 'a')).toBe('Bonjour');
    expect(first.store.pendingCount('a')).toBe(2);

    // Crash: the first store never drains. The next process replays the journal at open.
    const second = open(dir);
    expect(rows(second.db, 'a')).toBe(2);
    expect(rows(second.db, 'b')).toBe(1);
    expect(textOf(second.store, 'a')).toBe('Bonjour');
    expect(textOf(second.store, 'b')).toBe('Projet');

    const third = open(dir);
    expect(rows(third.db, 'a')).toBe(2);
    expect(textOf(third.store, 'a')).toBe('Bonjour');
  });

  it('does not move twice what a process moved before dying, though its journal was not emptied', () => {
    const dir = tempDir('pmp-journal-');
    const first = open(dir);
    const a = typist();
    first.store.append('a', a('un'));
    first.store.drain();
    first.store.append('a', a(' deux'));
    expect(rows(first.db, 'a')).toBe(1);
    expect(fs.statSync(path.join(dir, 'pmp.journal')).size).toBeGreaterThan(journalHeaderBytes);

    const second = open(dir);
    expect(rows(second.db, 'a')).toBe(2);
    expect(textOf(second.store, 'a')).toBe('un deux');
  });

  it('cuts off a torn last record and keeps the sound ones; later records follow them', () => {
    const dir = tempDir('pmp-journal-');
    const file = path.join(dir, 'pmp.journal');
    const first = open(dir);
    const a = typist();
    first.store.append('a', a('sain'));
    const sound = fs.statSync(file).size;
    first.store.append('a', a(' déchiré'));
    // A power loss in the middle of the second record: its last bytes never reached the disk.
    fs.truncateSync(file, fs.statSync(file).size - 3);

    const second = open(dir, { drainIntervalMs: 60_000 });
    expect(textOf(second.store, 'a')).toBe('sain');
    expect(rows(second.db, 'a')).toBe(1);
    expect(fs.statSync(file).size).toBe(journalHeaderBytes);
    expect(sound).toBeGreaterThan(journalHeaderBytes);

    // A record whose bytes are all there but wrong (a flipped bit) ends the file the same way.
    const b = typist();
    second.store.append('b', b('premier'));
    second.store.append('b', b(' second'));
    const bytes = fs.readFileSync(file);
    bytes[bytes.byteLength - 1] = bytes[bytes.byteLength - 1]! ^ 0x01;
    fs.writeFileSync(file, bytes);
    const third = open(dir);
    expect(textOf(third.store, 'b')).toBe('premier');
    third.store.append('b', b(' troisième'));
    const fourth = open(dir);
    expect(rows(fourth.db, 'b')).toBe(2);
  });

  it('refuses new updates while the database refuses the move, keeps and serves what it journaled, then moves it', () => {
    const dir = tempDir('pmp-journal-');
    const { db, store } = open(dir);
    const a = typist();
    store.append('a', a('avant'));
    store.drain();

    db.pragma('query_only = ON');
    store.append('a', a(' journalisé'));
    expect(() => store.drain()).toThrow(/readonly/i);
    expect(store.writeHealth()).toMatchObject({ writable: false });
    expect(() => store.append('a', a(' refusé'))).toThrow(/store unavailable/);
    expect(textOf(store, 'a')).toBe('avant journalisé');

    db.pragma('query_only = OFF');
    store.drain();
    expect(store.writeHealth()).toEqual({ writable: true });
    expect(rows(db, 'a')).toBe(2);
    store.append('a', a(' après'));
    store.drain();
    // The refused keystroke was never stored: the client keeps it and sends it again.
    expect(textOf(store, 'a')).toBe('avant journalisé');
    expect(rows(db, 'a')).toBe(3);
  });

  it('starts on a database that refuses writes: serves the journaled updates, refuses new ones, moves them once it writes', () => {
    const dir = tempDir('pmp-journal-');
    const file = path.join(dir, 'pmp.journal');
    const first = open(dir);
    const a = typist();
    first.store.append('a', a('sauvé'));
    first.store.append('a', a(' à moitié'));
    fs.truncateSync(file, fs.statSync(file).size - 3);

    const db = openDatabase(dir);
    db.pragma('query_only = ON');
    const store = journaledDocumentStore(db, { file, drainIntervalMs: 60_000, logger: createLogger('silent') });
    opened.push({ db, store });
    expect(store.writeHealth()).toMatchObject({ writable: false });
    expect(textOf(store, 'a')).toBe('sauvé');
    expect(() => store.append('a', typist()('refusé'))).toThrow(/store unavailable/);

    db.pragma('query_only = OFF');
    store.drain();
    expect(store.writeHealth()).toEqual({ writable: true });
    const b = typist();
    store.append('b', b('nouveau'));
    // The torn record is gone with the old generation; the new record is not behind it.
    const third = open(dir);
    expect(rows(third.db, 'a')).toBe(1);
    expect(textOf(third.store, 'b')).toBe('nouveau');
  });

  it('empties a drained journal past its size under the next generation; a restart replays only what came after', () => {
    const dir = tempDir('pmp-journal-');
    const file = path.join(dir, 'pmp.journal');
    const first = open(dir, { rotateBytes: 300 });
    const a = typist();
    for (let i = 0; i < 20; i++) first.store.append('a', a(`${i % 10}`));
    first.store.drain();
    expect(fs.statSync(file).size).toBe(journalHeaderBytes);
    expect(rows(first.db, 'a')).toBe(20);
    first.store.append('a', a('!'));

    const second = open(dir);
    expect(rows(second.db, 'a')).toBe(21);
    expect(textOf(second.store, 'a')).toBe('01234567890123456789!');
  });

  it('loses nothing after a crash in the middle of emptying the journal (truncated, new header not yet written)', () => {
    const dir = tempDir('pmp-journal-');
    const file = path.join(dir, 'pmp.journal');
    const first = open(dir);
    const a = typist();
    first.store.append('a', a('déjà dans la base, '));
    first.store.append('a', a('marque au-delà de l’en-tête'));
    first.store.drain();
    fs.truncateSync(file, journalHeaderBytes);

    // The old generation's mark points past the end of the now empty file: the next records
    // must not be written under that generation, where a replay would skip them.
    const second = open(dir);
    const b = typist();
    second.store.append('b', b('écrit après'));
    const third = open(dir);
    expect(textOf(third.store, 'b')).toBe('écrit après');
    expect(textOf(third.store, 'a')).toBe('déjà dans la base, marque au-delà de l’en-tête');
  });

  it('moves a burst without waiting for the timer', async () => {
    const dir = tempDir('pmp-journal-');
    const { db, store } = open(dir, { drainBytes: 1000 });
    const a = typist();
    for (let i = 0; i < 100; i++) store.append('a', a('x'.repeat(20)));
    await new Promise((resolve) => setImmediate(resolve));
    expect(rows(db, 'a')).toBe(100);
  });

  it('drains on close, and folds journaled updates into a compaction rather than logging them again', () => {
    const dir = tempDir('pmp-journal-');
    const first = open(dir);
    const a = typist();
    first.store.append('a', a('compacté'));
    const doc = new Y.Doc();
    for (const update of first.store.load('a').updates) Y.applyUpdate(doc, update);
    first.store.compact('a', Y.encodeStateAsUpdate(doc), first.store.lastUpdateId('a'));
    expect(rows(first.db, 'a')).toBe(0);
    first.store.append('a', a(' puis fermé'));
    first.store.close();
    opened.splice(0, 1);
    first.db.close();

    const second = open(dir);
    expect(rows(second.db, 'a')).toBe(1);
    expect(textOf(second.store, 'a')).toBe('compacté puis fermé');
  });

  it('refuses to start on a file that is not its journal, and leaves it as it was', () => {
    const dir = tempDir('pmp-journal-');
    const file = path.join(dir, 'pmp.journal');
    fs.writeFileSync(file, 'ceci n’est pas un journal de mises à jour');
    expect(() => open(dir)).toThrow(/n’est pas un journal/);
    expect(fs.readFileSync(file, 'utf8')).toBe('ceci n’est pas un journal de mises à jour');
  });
});
