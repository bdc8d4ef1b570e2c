import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { sectionPlainText } from '../../schemas/sectionText';
import { openDatabase, type Db } from '../../server/store/db';
import { connectClient, synced, waitFor, type Client } from '../helpers/collabClient';
import { lagGone, openJournaledStore, storeTestScope, rows, textOf, typist, type OpenedStore } from '../helpers/journalStore';
import { appendParagraph } from '../helpers/richText';
import { startTestServer, tempDir, type TestServer } from '../helpers/testServer';

/**
 * The update journal moved into SQLite by the store thread, off the serving thread: real SQLite,
 * the real thread, the real journal file. "A restart" is a new store on the same files.
 */
const { logged, logger, cleanups } = storeTestScope();

/** A temporary directory, removed after the test (once the stores on it are closed). */
function scratch(prefix: string): string {
  const dir = tempDir(prefix);
  cleanups.unshift(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function open(dir: string, options: { thread?: boolean; drainIntervalMs?: number } = {}): OpenedStore {
  const opened = openJournaledStore(dir, logger, options);
  cleanups.push(opened.close);
  return opened;
}

/** Changes when another connection commits; never for the connection's own commits (SQLite). */
const dataVersion = (db: Db) => db.pragma('data_version', { simple: true }) as number;

describe('journal drain in the store thread', () => {
  it('moves the journal through the store thread’s connection: the serving connection commits none of it', async () => {
    const { db, store } = open(scratch('pmp-drain-'), { drainIntervalMs: 20 });
    const a = typist();
    const before = dataVersion(db);
    for (let i = 0; i < 200; i++) store.append('a', a(`${i % 10}`));
    expect(rows(db, 'a')).toBe(0);
    await lagGone(store);
    expect(rows(db, 'a')).toBe(200);
    expect(dataVersion(db)).not.toBe(before);
    expect(textOf(store, 'a')).toBe('0123456789'.repeat(20));
  });

  it('a load while a move is in flight has every update; the table gets each once', async () => {
    const { db, store } = open(scratch('pmp-drain-'));
    const a = typist();
    for (let i = 0; i < 300; i++) store.append('a', a('x'));
    store.drainAhead();
    // The thread may have committed or not: either way the load holds all 300.
    expect(textOf(store, 'a')).toBe('x'.repeat(300));
    store.append('a', a('y'));
    store.drainAhead();
    expect(textOf(store, 'a')).toBe(`${'x'.repeat(300)}y`);
    await lagGone(store);
    expect(rows(db, 'a')).toBe(301);
    expect(textOf(store, 'a')).toBe(`${'x'.repeat(300)}y`);
  });

  it('shutdown with moves in flight waits for them and moves the rest: each update once, nothing left', async () => {
    const dir = scratch('pmp-drain-');
    const first = open(dir);
    const a = typist();
    for (let i = 0; i < 100; i++) first.store.append('a', a('u'));
    first.store.drainAhead();
    for (let i = 0; i < 100; i++) first.store.append('a', a('v'));
    first.store.drainAhead();
    first.store.append('a', a('w'));
    first.store.close();
    expect(first.store.lag().records).toBe(0);
    expect(rows(first.db, 'a')).toBe(201);
    await first.thread!.stop();
    first.db.close();
    cleanups.pop();

    const second = open(dir, { thread: false });
    expect(rows(second.db, 'a')).toBe(201);
    expect(textOf(second.store, 'a')).toBe(`${'u'.repeat(100)}${'v'.repeat(100)}w`);
  });

  it('a move the thread’s connection refuses is retried; the stretches asked after it never take the mark past it', async () => {
    const dir = scratch('pmp-drain-');
    const { db, store, thread } = open(dir, { drainIntervalMs: 20 });
    const a = typist();
    await thread!.pragma('query_only = ON');
    store.append('a', a('un'));
    store.drainAhead();
    store.append('a', a(' deux'));
    store.drainAhead();
    await waitFor(() => !store.writeHealth().writable, 5_000, 'the refusal to be reported');
    expect(() => store.append('a', a(' refusé'))).toThrow(/store unavailable/);
    expect(logged).toContain('journal drain failed');
    expect(rows(db, 'a')).toBe(0);
    expect(textOf(store, 'a')).toBe('un deux');

    // Retried on the timer.
    await thread!.pragma('query_only = OFF');
    await lagGone(store);
    expect(store.writeHealth()).toEqual({ writable: true });
    expect(rows(db, 'a')).toBe(2);
    // The mark is right: a restart replays nothing twice and misses nothing.
    const second = open(tempDirCopy(dir), { thread: false });
    expect(rows(second.db, 'a')).toBe(2);
  });

  it('a stretch of the file the thread cannot read (a flipped bit) is moved by the serving thread from memory', async () => {
    const dir = scratch('pmp-drain-');
    const { db, store } = open(dir);
    const a = typist();
    store.append('a', a('intact'));
    store.append('a', a(' en mémoire'));
    // The disk corrupts the second record after its write: its CRC fails in the thread.
    const file = path.join(dir, 'pmp.journal');
    const bytes = fs.readFileSync(file);
    bytes[bytes.byteLength - 2] = bytes[bytes.byteLength - 2]! ^ 0x10;
    fs.writeFileSync(file, bytes);
    store.drainAhead();
    await lagGone(store);
    expect(logged).toContain('journal unreadable in the store thread: moved by the serving thread');
    expect(store.writeHealth()).toEqual({ writable: true });
    expect(rows(db, 'a')).toBe(2);
    expect(textOf(store, 'a')).toBe('intact en mémoire');
    store.append('a', a(' puis'));
    expect(textOf(store, 'a')).toBe('intact en mémoire puis');
  });

  it('notices the store thread dying: what it had not moved is moved by the serving thread, nothing lost or doubled', async () => {
    const dir = scratch('pmp-drain-');
    const { db, store, thread } = open(dir, { drainIntervalMs: 20 });
    const a = typist();
    for (let i = 0; i < 50; i++) store.append('a', a('a'));
    await lagGone(store);
    for (let i = 0; i < 50; i++) store.append('a', a('b'));
    store.drainAhead();
    await thread!.crash();
    for (let i = 0; i < 50; i++) store.append('a', a('c'));
    await lagGone(store);
    expect(logged).toContain('store thread lost: the journal is drained on the serving thread');
    expect(rows(db, 'a')).toBe(150);
    expect(textOf(store, 'a')).toBe(`${'a'.repeat(50)}${'b'.repeat(50)}${'c'.repeat(50)}`);
    // From then on the serving thread drains on its timer.
    store.append('a', a('d'));
    await lagGone(store);
    expect(rows(db, 'a')).toBe(151);
  });
});

describe('the serving connection beside the store thread', () => {
  it('a transaction that reads then writes is not refused when the other connection commits in between', () => {
    const dir = scratch('pmp-drain-');
    const db = openDatabase(dir);
    // The store thread's connection, here on this thread: it may not wait, so it tries once.
    const thread = new Database(path.join(dir, 'pmp.sqlite'));
    thread.pragma('busy_timeout = 0');
    cleanups.push(() => {
      thread.close();
      db.close();
    });
    const insert = (on: Db, name: string) => on.prepare("INSERT INTO doc_updates (doc_name, data, created_at) VALUES (?, x'00', '')").run(name);
    let threadCommitted = false;
    db.transaction(() => {
      db.prepare('SELECT count(*) FROM doc_updates').get();
      try {
        insert(thread, 'thread');
        threadCommitted = true;
      } catch (error) {
        expect(String(error)).toMatch(/locked|busy/i);
      }
      insert(db, 'serving');
    })();
    // The store thread waits for the serving transaction (its busy timeout), never the reverse.
    expect(threadCommitted).toBe(false);
    expect(rows(db, 'serving')).toBe(1);
  });
});

describe('journal drain in a running server', () => {
  const clients: Client[] = [];
  let server: TestServer | null = null;
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await server?.close();
    if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
    server = null;
  });

  it('editors’ keystrokes reach SQLite through the store thread, and survive it dying', async () => {
    server = await startTestServer({ journalDrainMs: 20 });
    const editor = await server.user('Rédactrice');
    const projectId = (await server.api('POST', '/api/projects', { cookie: editor.cookie, body: { kind: 'PM', title: 'PM' } })).body.id;
    const token = (await server.api('POST', `/api/projects/${projectId}/collab-token`, { cookie: editor.cookie })).body.token;
    const writer = connectClient(server.url, projectId, { token });
    clients.push(writer);
    await synced(writer);
    const { db, documents } = server.deps.store;
    const before = dataVersion(db);
    const section = 'objectifs-medicaux';
    for (let i = 0; i < 20; i++) appendParagraph(writer.doc, section, `avant-${i}`);
    const held = () => sectionPlainText(server!.deps.registry.get(projectId).doc, section);
    await waitFor(() => held().includes('avant-19') && documents.lag().records === 0, 10_000, 'the paragraphs to be moved');
    expect(dataVersion(db)).not.toBe(before);

    await server.storeThread.crash();
    for (let i = 0; i < 20; i++) appendParagraph(writer.doc, section, `après-${i}`);
    await waitFor(() => held().includes('après-19') && documents.lag().records === 0, 10_000, 'the paragraphs to be moved without the thread');
    const everything = sectionPlainText(writer.doc, section);
    expect(everything).toContain('avant-0');
    expect(everything).toContain('après-19');

    writer.destroy();
    clients.pop();
    const dataDir = server.dataDir;
    await server.close();
    server = await startTestServer({ dataDir });
    expect(sectionPlainText(server.deps.registry.get(projectId).doc, section)).toBe(everything);
  });
});

/** A copy of a data directory as a crash leaves it (the files as they are now). */
function tempDirCopy(dir: string): string {
  const copy = scratch('pmp-drain-copy-');
  for (const file of ['pmp.sqlite', 'pmp.sqlite-wal', 'pmp.journal']) {
    const from = path.join(dir, file);
    if (fs.existsSync(from)) fs.copyFileSync(from, path.join(copy, file));
  }
  return copy;
}
