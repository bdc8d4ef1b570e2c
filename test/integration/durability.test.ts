import { afterEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { sectionPlainText } from '../../schemas/sectionText';
import { connectClient, synced, waitFor, type Client } from '../helpers/collabClient';
import { appendParagraph } from '../helpers/richText';
import { adminProject, collabToken, freePort, spawnServer, type ServerProcess } from '../helpers/serverProcess';
import { tempDir } from '../helpers/testServer';

const section = 'objectifs-medicaux';
const clients: Client[] = [];
const processes: ServerProcess[] = [];

afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
  for (const p of processes.splice(0)) p.child.kill('SIGKILL');
});

function paragraphs(doc: Y.Doc): Set<string> {
  return new Set(sectionPlainText(doc, section).split('\n').filter(Boolean));
}

describe('durability', () => {
  it('keeps everything after a clean restart', async () => {
    const dataDir = tempDir();
    const port = await freePort();
    let server = await spawnServer(dataDir, port);
    processes.push(server);
    const { cookie, projectId } = await adminProject(server.url);
    const writer = connectClient(server.url, projectId, { token: await collabToken(server.url, projectId, cookie) }, { reconnect: false });
    clients.push(writer);
    await synced(writer);
    for (let i = 0; i < 50; i++) appendParagraph(writer.doc, section, `ligne ${i}`);
    const reader = connectClient(server.url, projectId, { token: await collabToken(server.url, projectId, cookie) }, { reconnect: false });
    clients.push(reader);
    await waitFor(() => paragraphs(reader.doc).size === 50);

    server.child.kill('SIGTERM');
    await server.exited;
    server = await spawnServer(dataDir, port);
    processes.push(server);
    const fresh = connectClient(server.url, projectId, { token: await collabToken(server.url, projectId, cookie) });
    clients.push(fresh);
    await synced(fresh);
    expect(paragraphs(fresh.doc).size).toBe(50);
  });

  it('after kill -9 mid-burst, every broadcast update survives and clients converge on reconnect', async () => {
    const dataDir = tempDir();
    const port = await freePort();
    let server = await spawnServer(dataDir, port);
    processes.push(server);
    const { cookie, projectId } = await adminProject(server.url);
    const writers = await Promise.all(
      [0, 1, 2].map(async () => connectClient(server.url, projectId, { token: await collabToken(server.url, projectId, cookie) })),
    );
    const observer = connectClient(server.url, projectId, { token: await collabToken(server.url, projectId, cookie) }, { reconnect: false });
    clients.push(...writers, observer);
    await Promise.all([...writers, observer].map(synced));

    // What the observer received was broadcast by the server: it must all survive.
    let typing = true;
    const burst = writers.map(async (w, n) => {
      for (let i = 0; typing && i < 400; i++) {
        appendParagraph(w.doc, section, `w${n}-${i}`);
        await new Promise((r) => setTimeout(r, 2));
      }
    });
    await waitFor(() => paragraphs(observer.doc).size >= 150, 20_000, 'a burst in flight');
    server.child.kill('SIGKILL');
    await server.exited;
    const seen = paragraphs(observer.doc);
    // Writers keep typing offline for a moment.
    await new Promise((r) => setTimeout(r, 100));
    typing = false;
    await Promise.all(burst);

    server = await spawnServer(dataDir, port);
    processes.push(server);
    const fresh = connectClient(server.url, projectId, { token: await collabToken(server.url, projectId, cookie) });
    clients.push(fresh);
    await synced(fresh);
    const recovered = paragraphs(fresh.doc);
    const lost = [...seen].filter((p) => !recovered.has(p));
    expect(lost).toEqual([]);

    // The writers' tokens are still valid: they reconnect by themselves and push what they typed.
    const everything = new Set(writers.flatMap((w) => [...paragraphs(w.doc)]));
    await waitFor(() => paragraphs(fresh.doc).size === everything.size, 20_000, 'writers to converge after restart');
    for (const w of writers) await waitFor(() => paragraphs(w.doc).size === everything.size);
    expect(sectionPlainText(writers[0]!.doc, section)).toBe(sectionPlainText(fresh.doc, section));
  }, 60_000);
});
