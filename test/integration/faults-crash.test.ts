import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fragmentName } from '../../schemas/docLayout';
import { sectionPlainText } from '../../schemas/sectionText';
import { connectClient, synced, waitFor, type Client } from '../helpers/collabClient';
import { appendParagraph } from '../helpers/richText';
import { adminProject, collabToken, freePort, serverOn, type ServerProcess } from '../helpers/serverProcess';
import { tempDir } from '../helpers/testServer';

/**
 * Beyond durability.test.ts (one kill -9 mid-burst): repeated kills while the server compacts
 * the log every few updates and unloads idle documents, with deletions in the burst, then a
 * check of the SQLite file itself.
 */
const section = 'objectifs-medicaux';
const clients: Client[] = [];
const processes: ServerProcess[] = [];

afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
  for (const p of processes.splice(0)) p.child.kill('SIGKILL');
});

const paragraphs = (doc: Y.Doc) => new Set(sectionPlainText(doc, section).split('\n').filter(Boolean));

describe('crash recovery', () => {
  it('three kill -9 mid-burst, under constant compaction and unloading: nothing broadcast is lost, the file stays sound', async () => {
    const dataDir = tempDir();
    const port = await freePort();
    // Compaction every 7 updates and unloading 50 ms after the last connection: kills land in them.
    const env = { PMP_COMPACT_EVERY: '7', PMP_DOC_IDLE_MS: '50' };
    const start = serverOn(dataDir, port, env, processes);
    let server = await start();
    const { cookie, projectId } = await adminProject(server.url);
    // Tokens live in SQLite: they still open the restarted server, so writers reconnect alone.
    const token = () => collabToken(server.url, projectId, cookie);
    const writers = await Promise.all([0, 1, 2].map(async () => connectClient(server.url, projectId, { token: await token() })));
    clients.push(...writers);
    const deleted = new Set<string>();
    const seen = new Set<string>();

    for (let cycle = 0; cycle < 3; cycle++) {
      if (cycle > 0) server = await start();
      const observer = connectClient(server.url, projectId, { token: await token() }, { reconnect: false });
      clients.push(observer);
      await Promise.all([observer, ...writers].map(synced));
      const recovered = paragraphs(observer.doc);
      expect([...seen].filter((p) => !recovered.has(p) && !deleted.has(p))).toEqual([]);

      let typing = true;
      const burst = writers.map(async (w, n) => {
        for (let i = 0; typing; i++) {
          appendParagraph(w.doc, section, `c${cycle}-w${n}-${i}`);
          if (i % 10 === 9) {
            // Writers also delete, so delete sets cross the crash too.
            const fragment = w.doc.getXmlFragment(fragmentName(section));
            const victim = fragment.toArray().findIndex((node) => node instanceof Y.XmlElement && node.toString().includes(`w${n}-`));
            if (victim >= 0) {
              deleted.add(sectionPlainText(w.doc, section).split('\n')[victim]!);
              fragment.delete(victim, 1);
            }
          }
          await new Promise((r) => setTimeout(r, 2));
        }
      });
      await waitFor(() => [...paragraphs(observer.doc)].filter((p) => p.startsWith(`c${cycle}-`)).length >= 60, 20_000, 'a burst in flight');
      server.child.kill('SIGKILL');
      await server.exited;
      for (const p of paragraphs(observer.doc)) seen.add(p);
      typing = false;
      await Promise.all(burst);
    }

    // Last start: everyone converges, then a clean stop and a look at the file itself.
    server = await start();
    const fresh = connectClient(server.url, projectId, { token: await token() });
    clients.push(fresh);
    await synced(fresh);
    const recovered = paragraphs(fresh.doc);
    expect([...seen].filter((p) => !recovered.has(p) && !deleted.has(p))).toEqual([]);
    await waitFor(() => writers.every((w) => sectionPlainText(w.doc, section) === sectionPlainText(fresh.doc, section)), 20_000, 'writers to converge');
    server.child.kill('SIGTERM');
    await server.exited;

    const db = new Database(path.join(dataDir, 'pmp.sqlite'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const rows = [
      ...db.prepare('SELECT state AS data FROM doc_snapshots WHERE doc_name = ?').all(projectId),
      ...db.prepare('SELECT data FROM doc_updates WHERE doc_name = ? ORDER BY id').all(projectId),
    ] as { data: Buffer }[];
    const reloaded = new Y.Doc();
    for (const row of rows) Y.applyUpdate(reloaded, new Uint8Array(row.data));
    db.close();
    expect(reloaded.store.pendingStructs).toBeNull();
    expect(sectionPlainText(reloaded, section)).toBe(sectionPlainText(fresh.doc, section));
  }, 90_000);
});
