import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { freePort, spawnServer } from '../helpers/serverProcess';
import { adminEmail, adminPassword, startTestServer, tempDir, type TestServer } from '../helpers/testServer';
import { STORE_THREAD_NICENESS } from '../../server/store/storeWorker';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ checkpointIntervalMs: 20 });
});
afterAll(() => server.close());

const update = (i: number) => new Uint8Array(200).fill(i % 251);

describe('WAL checkpoints in a background thread', () => {
  it('leaves commits on the serving thread free of checkpoints, and copies the WAL into the database behind them', async () => {
    const { db, documents } = server.deps.store;
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    for (let i = 0; i < 3000; i++) documents.append('doc-a', update(i));
    documents.drain();
    // Passes ran while the appends went on; let their queued reports go by, then wait for a pass
    // made after the last append that finds the whole WAL copied.
    await new Promise((r) => setTimeout(r, 200));
    for (let passes = 0; ; passes++) {
      const pass = await server.checkpointer.nextPass();
      if (pass.log > 0 && pass.checkpointed === pass.log) break;
      if (passes > 200) throw new Error(`WAL never checkpointed: ${JSON.stringify(pass)}`);
    }
    // The next writer starts the WAL over instead of growing it.
    documents.append('doc-a', update(3000));
    const wal = fs.statSync(path.join(server.dataDir, 'pmp.sqlite-wal')).size;
    expect(wal).toBeLessThanOrEqual(16 * 1024 * 1024);
    expect(documents.load('doc-a').updates).toHaveLength(3001);
  });

  it('loses nothing at shutdown: the database file alone holds every update', async () => {
    const { documents } = server.deps.store;
    for (let i = 0; i < 500; i++) documents.append('doc-b', update(i));
    await server.close();
    expect(fs.existsSync(path.join(server.dataDir, 'pmp.sqlite-wal'))).toBe(false);
    const reopened = new Database(path.join(server.dataDir, 'pmp.sqlite'), { readonly: true });
    const count = reopened.prepare("SELECT count(*) AS n FROM doc_updates WHERE doc_name = 'doc-b'").get() as { n: number };
    reopened.close();
    expect(count.n).toBe(500);
  });

  it('stops cleanly on SIGTERM: the process waits for its threads, then folds the WAL into the database', async () => {
    const dataDir = tempDir();
    const proc = await spawnServer(dataDir, await freePort());
    const login = await fetch(`${proc.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: adminEmail, password: adminPassword }),
    });
    expect(login.status).toBe(200);
    proc.child.kill('SIGTERM');
    expect(await proc.exited).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'pmp.sqlite-wal'))).toBe(false);
  });

  it('keeps the process alive until its threads have closed their connections', () => {
    const dataDir = tempDir();
    const fixture = path.resolve(import.meta.dirname, '../fixtures/stopStoreThreads.ts');
    const output = execFileSync(process.execPath, ['--import', 'tsx', fixture, dataDir], { cwd: path.resolve(import.meta.dirname, '../..'), encoding: 'utf8' });
    expect(output).toContain('closed');
    expect(fs.existsSync(path.join(dataDir, 'pmp.sqlite-wal'))).toBe(false);
  });

  it('runs the store threads (checkpoints, compactions) at a lower priority than the thread serving editors', async () => {
    const proc = await spawnServer(tempDir(), await freePort());
    try {
      const pid = proc.child.pid!;
      const niceness = (tid: string) => {
        const stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
      };
      const main = niceness(String(pid));
      expect(main, 'the test runner itself runs at niceness 10 or more: nothing to compare').toBeLessThan(STORE_THREAD_NICENESS);
      let lowered: string[] = [];
      for (let attempt = 0; attempt < 100 && lowered.length < 1; attempt++) {
        await new Promise((r) => setTimeout(r, 50));
        lowered = fs.readdirSync(`/proc/${pid}/task`).filter((tid) => niceness(tid) === STORE_THREAD_NICENESS);
      }
      // One store thread does both the WAL checkpoints and the compactions (two isolates before); nothing else.
      // A new database's migrations owe a checkpoint: the thread starts at the first tick (storeThreadHost.ts).
      expect(lowered).toHaveLength(1);
      expect(lowered).not.toContain(String(pid));
    } finally {
      proc.child.kill('SIGTERM');
      await proc.exited;
    }
  });
});
