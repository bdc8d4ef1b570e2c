import { createHash } from 'node:crypto';
import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { readOutline, sectionsMap } from '../../schemas/docLayout';
import { sectionPlainText } from '../../schemas/sectionText';
import { badFrames, type BadFrame } from '../helpers/badFrames';
import { connectClient, synced, waitFor, type Client } from '../helpers/collabClient';
import { pick, randomInt, seededRandom } from '../../fixtures/prng';
import { clientFrame, message, probeMessage } from '../helpers/rawFrames';
import { templateSectionIds, writeRealisticContent } from '../../fixtures/realisticDocument';
import { appendParagraph } from '../helpers/richText';
import { startTestServer, type TestServer } from '../helpers/testServer';

/**
 * Hostile input on the collaboration endpoint, from authenticated editors (the worst case: a
 * reader's updates are dropped unread). A seeded generator replays the same frames every run.
 * For each frame the server must close the offender with the expected code, or answer it as a
 * harmless message; meanwhile a real client keeps working and no document changes.
 */
let server: TestServer;
let coordinator: { id: string; cookie: string };
let lanes: { cookie: string }[];
let mainProject: string;
let sandboxProject: string;
const clients: Client[] = [];
const section = 'objectifs-medicaux';

type Outcome = number | 'open' | 'hung';

const stateHash = (doc: Y.Doc) => createHash('sha256').update(Y.encodeStateAsUpdate(doc)).digest('hex');
/** What readers see: every section's text and the outline (pending or stray structs aside). */
const contentHash = (doc: Y.Doc) =>
  createHash('sha256')
    .update(JSON.stringify([readOutline(doc), sectionsMap(doc).toJSON(), templateSectionIds('PM').map((id) => sectionPlainText(doc, id))]))
    .digest('hex');

function storedDoc(projectId: string): Y.Doc {
  const { snapshot, updates } = server.deps.store.documents.load(projectId);
  const doc = new Y.Doc();
  for (const update of snapshot ? [snapshot, ...updates] : updates) {
    try {
      Y.applyUpdate(doc, update);
    } catch {
      /* the server skips such a row when loading, and so do we */
    }
  }
  return doc;
}

/** Opens an editor's socket, sends the frame, then a probe: a close or the probe's answer settles it. */
async function tryFrame(cookie: string, projectId: string, frame: { bytes: Uint8Array; raw: boolean }): Promise<Outcome> {
  const ws = new WebSocket(`${server.url.replace('http', 'ws')}/collab/${projectId}`, { headers: { cookie } });
  ws.on('error', () => {});
  const closed = new Promise<Outcome>((resolve) => ws.on('close', (code) => resolve(code)));
  // The server speaks first (sync step 1): it has admitted the connection.
  await new Promise<void>((resolve, reject) => {
    ws.once('message', () => resolve());
    ws.once('close', (code) => reject(new Error(`refused before the frame: ${code}`)));
  });
  let probing = false;
  const answered = new Promise<Outcome>((resolve) =>
    ws.on('message', (data: Buffer) => {
      if (probing && data[0] === 0 && data[1] === 1) resolve('open');
    }),
  );
  if (frame.raw) (ws as unknown as { _socket: net.Socket })._socket.write(frame.bytes);
  else ws.send(frame.bytes);
  probing = true;
  if (!frame.raw) ws.send(probeMessage());
  const outcome = await Promise.race([closed, answered, new Promise<Outcome>((r) => setTimeout(() => r('hung'), 3_000))]);
  if (outcome === 'open' || outcome === 'hung') {
    ws.terminate();
  }
  await closed;
  return outcome;
}

/** Runs frames over a few parallel lanes (one editor account each, under the per-user limit). */
async function fire(projectId: string, frames: BadFrame[]): Promise<{ frame: BadFrame; outcome: Outcome }[]> {
  const results: { frame: BadFrame; outcome: Outcome }[] = [];
  let next = 0;
  await Promise.all(
    lanes.map(async (lane) => {
      while (next < frames.length) {
        const frame = frames[next++]!;
        results.push({ frame, outcome: await tryFrame(lane.cookie, projectId, frame) });
      }
    }),
  );
  return results;
}

async function watcherOn(projectId: string): Promise<Client> {
  const token = (await server.api('POST', `/api/projects/${projectId}/collab-token`, { cookie: coordinator.cookie })).body.token;
  const client = connectClient(server.url, projectId, { token });
  clients.push(client);
  await synced(client);
  return client;
}

beforeAll(async () => {
  server = await startTestServer();
  coordinator = await server.user('Coordinatrice');
  const create = async (title: string) =>
    (await server.api('POST', '/api/projects', { cookie: coordinator.cookie, body: { kind: 'PM', title } })).body.id as string;
  mainProject = await create('Projet médical');
  sandboxProject = await create('Bac à sable');
  lanes = [];
  for (let i = 0; i < 6; i++) {
    const user = await server.user(`Fuzz ${i}`);
    for (const project of [mainProject, sandboxProject]) {
      await server.api('PUT', `/api/projects/${project}/members/${user.id}`, { cookie: coordinator.cookie, body: { role: 'editor' } });
    }
    lanes.push(user);
  }
  // Five pages of real content, so "unchanged" means something.
  const author = await watcherOn(mainProject);
  writeRealisticContent(author.doc, templateSectionIds('PM'), 5, 7);
  await waitFor(() => contentHash(server.deps.registry.get(mainProject).doc) === contentHash(author.doc), 10_000, 'content on the server');
});

afterAll(async () => {
  for (const c of clients) c.destroy();
  await server.close();
});

describe('hostile WebSocket input', () => {
  it('closes each of 300 seeded bad frames with its code; a live client and the document are untouched', async () => {
    const watcher = await watcherOn(mainProject);
    const held = server.deps.registry.get(mainProject).doc;
    const before = stateHash(held);

    const results = await fire(mainProject, badFrames(seededRandom(6_2026), 300));

    const unexpected = results.filter(({ frame, outcome }) => !frame.expect.includes(outcome as number | 'open'));
    expect(unexpected.map(({ frame, outcome }) => `${frame.category} → ${outcome}: ${Buffer.from(frame.bytes).toString('hex').slice(0, 80)}`)).toEqual([]);
    const categories = new Set(results.map((r) => r.frame.category));
    expect(categories.size).toBeGreaterThanOrEqual(14);

    expect(stateHash(held)).toBe(before);
    expect(stateHash(storedDoc(mainProject))).toBe(before);
    // The live client never noticed, and still collaborates.
    expect(watcher.closes).toEqual([]);
    const editor = await watcherOn(mainProject);
    appendParagraph(editor.doc, section, 'après le tir de barrage');
    await waitFor(() => sectionPlainText(watcher.doc, section).includes('après le tir de barrage'), 5_000, 'a later edit to arrive');
    expect((await server.api('GET', '/api/health')).body).toMatchObject({ status: 'ok' });
  }, 60_000);

  it('never reads past the end of a message whose length runs into the next frame', async () => {
    const held = server.deps.registry.get(mainProject).doc;
    const before = stateHash(held);
    // A valid update cut in two: the first frame declares the whole length, the rest follows
    // (with a zero mask) where the next frame's header would make it readable as one update.
    const source = new Y.Doc();
    source.getText('intrus').insert(0, `${'A'.repeat(10)}______${'B'.repeat(20)}`);
    const update = Y.encodeStateAsUpdate(source);
    const cut = Buffer.from(update).indexOf(Buffer.from('______'));
    const head = message((e) => {
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint(e, 2);
      encoding.writeVarUint(e, update.length);
      encoding.writeUint8Array(e, update.subarray(0, cut));
    });
    const zero = new Uint8Array(4);
    const bytes = new Uint8Array(Buffer.concat([clientFrame(head, { mask: zero }), clientFrame(update.subarray(cut + 6), { mask: zero })]));
    expect(await tryFrame(lanes[0]!.cookie, mainProject, { bytes, raw: true })).toBe(4400);
    expect(stateHash(held)).toBe(before);
  });

  it('survives mutated real updates: memory, store and peers stay in agreement', async () => {
    const watcher = await watcherOn(sandboxProject);
    const held = server.deps.registry.get(sandboxProject).doc;
    // Real edits the server has not seen yet, from a replica of its document.
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(held));
    const updates: Uint8Array[] = [];
    replica.on('update', (u: Uint8Array) => updates.push(u));
    writeRealisticContent(replica, ['objectifs-medicaux', 'diagnostic'], 1, 11);
    const text = replica.getXmlFragment('section:diagnostic');
    text.delete(0, Math.min(2, text.length));

    const random = seededRandom(4_2026);
    const frames: BadFrame[] = Array.from({ length: 120 }, () => {
      const mutated = Uint8Array.from(pick(random, updates));
      const flips = randomInt(random, 1, 4);
      for (let f = 0; f < flips; f++) mutated[randomInt(random, 0, mutated.length - 1)] = randomInt(random, 0, 255);
      const body = random() < 0.2 ? mutated.subarray(0, randomInt(random, 1, mutated.length)) : mutated;
      const bytes = message((e) => {
        encoding.writeVarUint(e, 0);
        encoding.writeVarUint(e, 2);
        encoding.writeVarUint8Array(e, body);
      });
      return { category: 'mutated update', bytes, raw: false, expect: [4400, 'open'] };
    });
    const results = await fire(sandboxProject, frames);
    expect(results.filter((r) => r.outcome === 'hung')).toEqual([]);

    // What the server holds is what it stored, and what its peers see.
    appendParagraph((await watcherOn(sandboxProject)).doc, section, 'marqueur final');
    await waitFor(() => sectionPlainText(watcher.doc, section).includes('marqueur final'), 5_000, 'the marker');
    expect(contentHash(storedDoc(sandboxProject))).toBe(contentHash(held));
    await waitFor(() => contentHash(watcher.doc) === contentHash(held), 5_000, 'watcher to match the server');
    expect(watcher.closes).toEqual([]);
  }, 60_000);
});
