import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { fragmentName } from '../../schemas/docLayout';
import { sectionPlainText } from '../../schemas/sectionText';
import type { Db } from '../../server/store/db';
import { connectClient, synced, waitFor, type Client } from '../helpers/collabClient';
import { appendParagraph } from '../helpers/richText';
import { startTestServer, type TestServer } from '../helpers/testServer';

/**
 * The store refuses writes while the server runs: SQLite itself fails (no mock), through the
 * server's own connection. The server must keep serving what it holds, say so on /api/health,
 * close writers with 4503 rather than broadcast what it could not store, and lose nothing.
 */
const section = 'objectifs-medicaux';
/**
 * Each failure as PRAGMAs, run on the serving connection and on the store thread's (which moves
 * the update journal into the database): a full or read-only disk refuses both.
 */
const failures: Record<string, { break(db: Db): string; repair: string }> = {
  'read-only database (SQLITE_READONLY)': {
    break: () => 'query_only = ON',
    repair: 'query_only = OFF',
  },
  'disk full (SQLITE_FULL)': {
    // The file may not grow by a single page: the next append that needs one fails.
    break: (db) => `max_page_count = ${db.pragma('page_count', { simple: true })}`,
    repair: 'max_page_count = 1073741823',
  },
};
async function onBothConnections(server: TestServer, pragma: string): Promise<void> {
  server.deps.store.db.pragma(pragma);
  await server.storeThread.pragma(pragma);
}

const clients: Client[] = [];
const servers: TestServer[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const s of servers.splice(0)) await s.close();
  vi.restoreAllMocks();
});

const lines = (doc: Y.Doc) => sectionPlainText(doc, section).split('\n').filter(Boolean);

/** The document as the store would give it back after a crash. */
function storedDoc(server: TestServer, projectId: string): Y.Doc {
  const { snapshot, updates } = server.deps.store.documents.load(projectId);
  const doc = new Y.Doc();
  for (const update of snapshot ? [snapshot, ...updates] : updates) Y.applyUpdate(doc, update);
  return doc;
}

describe('store failure', () => {
  it.each(Object.entries(failures))(
    '%s: serves reads, reports degraded, refuses writes with 4503, loses nothing',
    async (_name, failure) => {
      const logs: string[] = [];
      vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
        logs.push(String(chunk));
        return true;
      });
      const server = await startTestServer({ logLevel: 'warn' });
      servers.push(server);
      const editor = await server.user('Rédactrice');
      const projectId = (await server.api('POST', '/api/projects', { cookie: editor.cookie, body: { kind: 'PM', title: 'PM' } })).body.id;
      const token = (await server.api('POST', `/api/projects/${projectId}/collab-token`, { cookie: editor.cookie })).body.token;
      const open = () => {
        const client = connectClient(server.url, projectId, { token });
        clients.push(client);
        return client;
      };
      const writer = open();
      const observer = open();
      await Promise.all([synced(writer), synced(observer)]);

      // Acknowledged work, deletions included (a reconnecting client resends every deletion).
      for (let i = 0; i < 10; i++) appendParagraph(writer.doc, section, `avant-${i}`);
      writer.doc.getXmlFragment(fragmentName(section)).delete(0, 1);
      await waitFor(() => lines(observer.doc).length === 9, 5_000, 'observer sees the first paragraphs');

      await onBothConnections(server, failure.break(server.deps.store.db));
      for (let i = 0; i < 2_000 && !writer.closes.includes(4503); i++) {
        appendParagraph(writer.doc, section, `pendant-${i}`);
        await new Promise((r) => setTimeout(r, 5));
      }
      expect(writer.closes).toContain(4503);
      await new Promise((r) => setTimeout(r, 300));

      const health = await server.api('GET', '/api/health');
      expect(health.status).toBe(503);
      expect(health.body).toMatchObject({ status: 'degraded', storage: 'unavailable' });
      expect(logs.join('')).toContain('store append failed');

      // Nothing the store refused was applied or broadcast: memory, store and peers agree.
      const held = server.deps.registry.get(projectId).doc;
      expect(lines(held)).toEqual(lines(storedDoc(server, projectId)));
      expect(lines(observer.doc)).toEqual(lines(held));
      expect(lines(writer.doc).length).toBeGreaterThan(lines(held).length);

      // Whoever has nothing to save is served: a newcomer syncs, and the observer reconnects
      // (its sync step carries the document's deletions, which the server already has).
      const newcomer = open();
      observer.provider.disconnect();
      observer.provider.connect();
      await Promise.all([synced(newcomer), synced(observer)]);
      await new Promise((r) => setTimeout(r, 300));
      expect(newcomer.closes).toEqual([]);
      expect(observer.closes).toEqual([]);
      expect(observer.provider.wsconnected).toBe(true);
      expect(lines(newcomer.doc)).toEqual(lines(held));
      expect((await server.api('GET', `/api/projects/${projectId}`, { cookie: editor.cookie })).status).toBe(200);

      // The disk is freed: the writer's provider reconnects by itself and pushes what was refused.
      await onBothConnections(server, failure.repair);
      const everything = lines(writer.doc);
      await waitFor(() => lines(observer.doc).length === everything.length, 10_000, 'refused paragraphs to arrive');
      expect(lines(observer.doc)).toEqual(lines(writer.doc));
      expect((await server.api('GET', '/api/health')).body).toMatchObject({ status: 'ok' });

      // And it is all on disk: a new server process on the same file has every paragraph.
      await server.close();
      servers.splice(servers.indexOf(server), 1);
      const restarted = await startTestServer({ dataDir: server.dataDir, logLevel: 'silent' });
      servers.push(restarted);
      expect(lines(restarted.deps.registry.get(projectId).doc)).toEqual(everything);
    },
    30_000,
  );
});
