import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { sectionPlainText } from '../../schemas/sectionText';
import { STORE_THREAD_NICENESS } from '../../server/store/storeWorker';
import { connectClient, synced, waitFor, type Client } from '../helpers/collabClient';
import { walFrames } from '../helpers/journalStore';
import { appendParagraph } from '../helpers/richText';
import { adminProject, collabToken, freePort, serverOn, type ServerProcess } from '../helpers/serverProcess';
import { tempDir } from '../helpers/testServer';

/**
 * The store thread of the server as `npm start` runs it: absent while nobody writes (it held
 * ~10 MiB of RSS for nothing), started by the first edit, ended when idle with the WAL copied into
 * the database, started again by the next edit; no edit lost across kill -9.
 */
const section = 'objectifs-medicaux';
const metricsToken = 'jeton-de-metriques-du-test';
const env = {
  PMP_STORE_THREAD_IDLE_MS: '1500',
  PMP_CHECKPOINT_INTERVAL_MS: '100',
  PMP_JOURNAL_DRAIN_MS: '50',
  PMP_METRICS_TOKEN: metricsToken,
};
const clients: Client[] = [];
const processes: ServerProcess[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
  for (const p of processes.splice(0)) p.child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** The process's threads running at the store thread's niceness: the store thread, when it runs. */
function storeThreads(pid: number): string[] {
  return fs.readdirSync(`/proc/${pid}/task`).filter((tid) => {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]) === STORE_THREAD_NICENESS;
    } catch {
      return false; // ended meanwhile
    }
  });
}

/** One series of GET /metrics (by token: no session is written). */
async function metric(server: ServerProcess, name: string): Promise<number> {
  const res = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } });
  return Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(await res.text())![1]);
}

/** Waits until the server has committed `updates` updates since it started and holds none only in its journal file. */
async function drained(server: ServerProcess, updates: number): Promise<void> {
  for (const deadline = Date.now() + 10_000; ; ) {
    if ((await metric(server, 'pmp_updates_total')) >= updates && (await metric(server, 'pmp_journal_pending_updates')) === 0) return;
    if (Date.now() > deadline) throw new Error('the journal was never moved');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the store thread of a running server', () => {
  it('idles without it, starts it on the first edit, ends it when idle with the WAL copied, starts it again; kill -9 loses nothing', async () => {
    const dataDir = tempDir();
    dirs.push(dataDir);
    const port = await freePort();
    const start = serverOn(dataDir, port, env, processes);
    // Provisioned, then stopped: the server restarts on existing data, as coldOpen's baseline does.
    let server = await start();
    const { cookie, projectId } = await adminProject(server.url);
    const token = await collabToken(server.url, projectId, cookie);
    server.child.kill('SIGTERM');
    await server.exited;

    server = await start();
    const pid = server.child.pid!;
    await new Promise((r) => setTimeout(r, 2_000));
    expect(storeThreads(pid), 'no store thread in an idle server').toEqual([]);

    const writer = connectClient(server.url, projectId, { token });
    clients.push(writer);
    await synced(writer);
    appendParagraph(writer.doc, section, 'premier');
    await waitFor(() => storeThreads(pid).length === 1, 5_000, 'the first edit to start the store thread');
    await drained(server, 1);

    await waitFor(() => storeThreads(pid).length === 0, 10_000, 'the idle store thread to end');
    const wal = walFrames(dataDir);
    expect(wal.frames).toBeGreaterThan(0);
    expect(wal.copied, 'the WAL copied into the database before the thread ended').toBe(wal.frames);

    appendParagraph(writer.doc, section, 'second');
    await waitFor(() => storeThreads(pid).length === 1, 5_000, 'the next edit to start a new store thread');
    await drained(server, 2);
    server.child.kill('SIGKILL');
    await server.exited;
    writer.destroy();
    clients.pop();

    server = await start();
    const reader = connectClient(server.url, projectId, { token }, { reconnect: false });
    clients.push(reader);
    await synced(reader);
    expect(sectionPlainText(reader.doc, section)).toContain('premier');
    expect(sectionPlainText(reader.doc, section)).toContain('second');
  });
});
