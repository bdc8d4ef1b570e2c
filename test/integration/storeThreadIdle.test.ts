import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/store/db';
import type { StoreThread } from '../../server/store/storeThread';
import { waitFor } from '../helpers/collabClient';
import { lagGone, openJournaledStore, storeTestScope, rows, textOf, typist, walFrames, type OpenedStore } from '../helpers/journalStore';
import { tempDir } from '../helpers/testServer';

/**
 * The store thread runs only while there is work (server/store/storeThreadHost.ts): the races of
 * its stops and restarts, with real SQLite, the real thread and the real journal file. The
 * spawned server's side (no thread when idle, kill -9) is in storeThreadProcess.test.ts.
 */
const { logged, logger, cleanups } = storeTestScope();

/**
 * A store whose thread stops after 100 ms without work (its serving side looks every 20 ms), on a
 * database made before, as a restarted server finds it: a new one's migrations owe a checkpoint.
 */
function open(): OpenedStore & { thread: StoreThread } {
  const dir = tempDir('pmp-idle-');
  openDatabase(dir).close();
  const opened = openJournaledStore(dir, logger, { drainIntervalMs: 20, checkpointIntervalMs: 20, idleMs: 100 });
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  cleanups.push(opened.close);
  return { ...opened, thread: opened.thread! };
}

/**
 * Waits, turn by turn of the event loop, for the thread to be asked to stop: the caller then acts
 * in the same turn, before the stopping thread can have exited (its exit is heard in a later turn).
 */
async function whenStopping(thread: StoreThread): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (thread.state().stopping === 0) {
    if (Date.now() > deadline) throw new Error(`the thread never stopped: ${JSON.stringify(thread.state())}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const ended = (thread: StoreThread) => waitFor(() => !thread.state().running && thread.state().stopping === 0, 5_000, 'the thread to end');

describe('the store thread, started on need and stopped when idle', () => {
  it('is not started by a store nobody writes to, starts on the first drain, and stops once idle', async () => {
    const { db, store, thread } = open();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(thread.state()).toEqual({ running: false, stopping: 0, starts: 0 });
    const a = typist();
    for (let i = 0; i < 10; i++) store.append('a', a('a'));
    await lagGone(store);
    expect(thread.state().starts).toBe(1);
    expect(rows(db, 'a')).toBe(10);
    await ended(thread);
    expect(thread.state().starts).toBe(1);
  });

  it('work arriving while the thread stops goes to a new thread: nothing lost, nothing reported lost', async () => {
    const { db, store, thread } = open();
    const a = typist();
    for (let i = 0; i < 10; i++) store.append('a', a('a'));
    await lagGone(store);
    await whenStopping(thread);
    for (let i = 0; i < 10; i++) store.append('a', a('b'));
    store.drainAhead();
    // Posted to a second thread while the first is still closing its connection.
    expect(thread.state()).toEqual({ running: true, stopping: 1, starts: 2 });
    expect(await thread.pragma('query_only')).toBe(0);
    await lagGone(store);
    expect(logged).toEqual([]);
    expect(rows(db, 'a')).toBe(20);
    expect(textOf(store, 'a')).toBe(`${'a'.repeat(10)}${'b'.repeat(10)}`);
  });

  it('shutdown while the thread stops waits for it; the serving thread moves what is left; none starts after', async () => {
    const { db, store, thread, close } = open();
    const a = typist();
    store.append('a', a('a'));
    await lagGone(store);
    await whenStopping(thread);
    store.append('a', a('b'));
    await close();
    expect(thread.state()).toEqual({ running: false, stopping: 0, starts: 1 });
    expect(logged).toEqual([]);
    // The last connection closed folded the WAL into the database file.
    expect(fs.existsSync(`${db.name}-wal`)).toBe(false);
    const again = openJournaledStore(path.dirname(db.name), logger, { thread: false });
    cleanups.push(again.close);
    expect(rows(again.db, 'a')).toBe(2);
    await expect(thread.pragma('query_only')).rejects.toThrow(/stopped/);
    expect(thread.drainer.alive).toBe(false);
    expect(await thread.compactor.compact('a')).toEqual({ status: 'failed', error: 'compactor stopped' });
  });

  it('shutdown while the thread starts: the work asked of it is done, then it ends', async () => {
    const { thread } = open();
    const answer = thread.pragma('busy_timeout = 4000');
    await thread.stop();
    expect(await answer).toBe(4000);
    expect(thread.state()).toEqual({ running: false, stopping: 0, starts: 1 });
  });

  it('a restarted thread that crashes: its drains are moved by the serving thread, nothing lost or doubled, checkpoints go on', async () => {
    const { db, store, thread } = open();
    const a = typist();
    for (let i = 0; i < 10; i++) store.append('a', a('a'));
    await lagGone(store);
    await ended(thread);
    for (let i = 0; i < 50; i++) store.append('a', a('b'));
    store.drainAhead();
    expect(thread.state().starts).toBe(2);
    await thread.crash();
    for (let i = 0; i < 50; i++) store.append('a', a('c'));
    await lagGone(store);
    expect(logged).toContain('store thread lost: the journal is drained on the serving thread');
    expect(rows(db, 'a')).toBe(110);
    expect(textOf(store, 'a')).toBe(`${'a'.repeat(10)}${'b'.repeat(50)}${'c'.repeat(50)}`);
    // The serving thread's own moves owe a checkpoint: a third thread copies the WAL, then ends.
    await waitFor(() => thread.state().starts === 3, 5_000, 'a third thread');
    await ended(thread);
    const wal = walFrames(path.dirname(db.name));
    expect(wal.frames).toBeGreaterThan(0);
    expect(wal.copied).toBe(wal.frames);
    expect(thread.state().starts).toBe(3);
  });
});
