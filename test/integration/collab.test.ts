import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as wsModule from 'ws';
import { sectionPlainText } from '../../schemas/sectionText';
import { connectClient, synced, waitFor, type Client } from '../helpers/collabClient';
import { appendParagraph } from '../helpers/richText';
import { startTestServer, type TestServer } from '../helpers/testServer';

/** `ws`'s frame encoder (not in @types/ws): a masked client frame, as a browser sends it. */
const { Sender } = wsModule as unknown as { Sender: { frame(data: Buffer, options: object): Buffer[] } };

let server: TestServer;
let projectId: string;
let coordinator: { id: string; cookie: string };
let editor: { id: string; cookie: string };
let reader: { id: string; cookie: string };
let outsider: { id: string; cookie: string };
const clients: Client[] = [];
const section = 'objectifs-medicaux';

async function tokenFor(cookie: string): Promise<string> {
  const res = await server.api('POST', `/api/projects/${projectId}/collab-token`, { cookie });
  expect(res.status).toBe(201);
  return res.body.token;
}

async function client(cookie: string, reconnect = true): Promise<Client> {
  const c = connectClient(server.url, projectId, { cookie }, { reconnect });
  clients.push(c);
  return c;
}

/** A raw WebSocket to the collaboration endpoint, resolving with its close code. */
function rawSocket(url: string, headers: Record<string, string> = {}) {
  const ws = new WebSocket(url, { headers });
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  const opened = new Promise<void>((resolve, reject) => {
    ws.on('open', () => resolve());
    ws.on('error', reject);
  });
  return { ws, closed, opened };
}

function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

const serverText = () => sectionPlainText(server.deps.registry.get(projectId).doc, section);

beforeAll(async () => {
  server = await startTestServer();
  coordinator = await server.user('Coordinatrice');
  editor = await server.user('Rédacteur');
  reader = await server.user('Lectrice');
  outsider = await server.user('Extérieur');
  const created = await server.api('POST', '/api/projects', { cookie: coordinator.cookie, body: { kind: 'PM', title: 'Projet médical 2026–2030' } });
  projectId = created.body.id;
  for (const [user, role] of [
    [editor, 'editor'],
    [reader, 'reader'],
  ] as const) {
    const res = await server.api('PUT', `/api/projects/${projectId}/members/${user.id}`, { cookie: coordinator.cookie, body: { role } });
    expect(res.status).toBe(204);
  }
});

afterAll(async () => {
  for (const c of clients) c.destroy();
  await server.close();
});

describe('collaboration endpoint', () => {
  it('two clients editing one section concurrently converge', async () => {
    const a = await client(coordinator.cookie);
    const b = await client(editor.cookie);
    await Promise.all([synced(a), synced(b)]);
    for (let i = 0; i < 20; i++) {
      appendParagraph(a.doc, section, `A${i}`);
      appendParagraph(b.doc, section, `B${i}`);
    }
    const expected = (doc: Y.Doc) => sectionPlainText(doc, section).split('\n').length === 40;
    await waitFor(() => expected(a.doc) && expected(b.doc), 10_000, 'both clients see 40 paragraphs');
    expect(sectionPlainText(a.doc, section)).toBe(sectionPlainText(b.doc, section));
    expect(serverText()).toBe(sectionPlainText(a.doc, section));
  });

  it('a token from POST /collab-token authenticates a non-browser client', async () => {
    const token = await tokenFor(editor.cookie);
    const c = connectClient(server.url, projectId, { token });
    clients.push(c);
    await synced(c);
    expect(sectionPlainText(c.doc, section)).toBe(serverText());
  });

  it('drops a reader’s updates, from the provider or hand-crafted, but serves it the text', async () => {
    const r = await client(reader.cookie);
    await synced(r);
    const before = Y.encodeStateAsUpdate(server.deps.registry.get(projectId).doc);
    appendParagraph(r.doc, section, 'écrit par une lectrice');

    const forged = new Y.Doc();
    Y.applyUpdate(forged, before);
    const sv = Y.encodeStateVector(forged);
    appendParagraph(forged, section, 'message forgé');
    const raw = rawSocket(`${server.url.replace('http', 'ws')}/collab/${projectId}`, { cookie: reader.cookie });
    await raw.opened;
    raw.ws.send(updateMessage(Y.encodeStateAsUpdate(forged, sv)));

    // An editor's later write arrives, so the reader's writes were processed before it.
    const e = await client(editor.cookie);
    await synced(e);
    appendParagraph(e.doc, section, 'marqueur');
    await waitFor(() => serverText().includes('marqueur'));
    expect(serverText()).not.toContain('lectrice');
    expect(serverText()).not.toContain('forgé');
    await waitFor(() => sectionPlainText(r.doc, section).includes('marqueur'));
    // A reader's socket that sends a change is closed as forbidden.
    expect(await raw.closed).toBe(4403);
  });

  it('refuses a connection without session or token (4401)', async () => {
    const raw = rawSocket(`${server.url.replace('http', 'ws')}/collab/${projectId}`);
    expect(await raw.closed).toBe(4401);
    const badToken = rawSocket(`${server.url.replace('http', 'ws')}/collab/${projectId}?token=nope`);
    expect(await badToken.closed).toBe(4401);
  });

  it('refuses an unknown project (4404), a non-member (4403) and a cross-site page (4403)', async () => {
    const base = server.url.replace('http', 'ws');
    expect(await rawSocket(`${base}/collab/00000000-0000-0000-0000-000000000000`, { cookie: editor.cookie }).closed).toBe(4404);
    expect(await rawSocket(`${base}/collab/${projectId}`, { cookie: outsider.cookie }).closed).toBe(4403);
    expect(await rawSocket(`${base}/collab/${projectId}`, { cookie: editor.cookie, origin: 'https://evil.example' }).closed).toBe(4403);
  });

  it('a token for one project does not open another', async () => {
    const other = await server.api('POST', '/api/projects', { cookie: editor.cookie, body: { kind: 'PM', title: 'Autre' } });
    const token = await tokenFor(editor.cookie);
    const raw = rawSocket(`${server.url.replace('http', 'ws')}/collab/${other.body.id}?token=${token}`);
    expect(await raw.closed).toBe(4401);
  });

  it('closes an oversized message with 1009 while other clients keep working', async () => {
    const watcher = await client(coordinator.cookie);
    await synced(watcher);
    const raw = rawSocket(`${server.url.replace('http', 'ws')}/collab/${projectId}`, { cookie: editor.cookie });
    await raw.opened;
    raw.ws.send(new Uint8Array(3 * 1024 * 1024));
    expect(await raw.closed).toBe(1009);
    const e = await client(editor.cookie);
    await synced(e);
    appendParagraph(e.doc, section, 'après le message géant');
    await waitFor(() => sectionPlainText(watcher.doc, section).includes('après le message géant'));
  });

  it('closes a malformed message with 4400 and leaves the document intact', async () => {
    const doc = server.deps.registry.get(projectId).doc;
    const before = Buffer.from(Y.encodeStateAsUpdate(doc)).toString('base64');
    const cases = [
      new Uint8Array([0, 2, 200, 1, 2, 3]), // update whose length runs past the frame
      new Uint8Array([0, 2, 5, 255, 255, 255, 255, 255]), // invalid Yjs update
      new Uint8Array([0, 9]), // unknown sync type
      new Uint8Array([7]), // unknown message type
      new Uint8Array([1, 4, 1, 2, 3, 4]), // broken awareness update
    ];
    for (const bytes of cases) {
      const raw = rawSocket(`${server.url.replace('http', 'ws')}/collab/${projectId}`, { cookie: editor.cookie });
      await raw.opened;
      raw.ws.send(bytes);
      expect(await raw.closed).toBe(4400);
    }
    expect(Buffer.from(Y.encodeStateAsUpdate(doc)).toString('base64')).toBe(before);
    const health = await server.api('GET', '/api/health');
    expect(health.body).toMatchObject({ status: 'ok' });
  });

  it('limits connections per user (4429)', async () => {
    const heavy = await server.user('Onglets');
    await server.api('PUT', `/api/projects/${projectId}/members/${heavy.id}`, { cookie: coordinator.cookie, body: { role: 'editor' } });
    const sockets = [];
    for (let i = 0; i < 12; i++) {
      const raw = rawSocket(`${server.url.replace('http', 'ws')}/collab/${projectId}`, { cookie: heavy.cookie });
      await raw.opened;
      sockets.push(raw);
    }
    const extra = rawSocket(`${server.url.replace('http', 'ws')}/collab/${projectId}`, { cookie: heavy.cookie });
    expect(await extra.closed).toBe(4429);
    for (const s of sockets) s.ws.close();
  });

  it('broadcasts awareness (presence) between clients', async () => {
    const a = await client(coordinator.cookie);
    const b = await client(reader.cookie);
    await Promise.all([synced(a), synced(b)]);
    a.provider.awareness.setLocalStateField('user', { name: 'Coordinatrice', color: '#000091' });
    a.provider.awareness.setLocalStateField('sectionId', section);
    await waitFor(() => [...b.provider.awareness.getStates().values()].some((s) => s.sectionId === section && s.user?.name === 'Coordinatrice'));
  });

  it('sends a keystroke to the other editors before the caret move that came with it', async () => {
    const base = `${server.url.replace('http', 'ws')}/collab/${projectId}`;
    const watcher = rawSocket(base, { cookie: reader.cookie });
    const received: number[] = [];
    watcher.ws.on('message', (data: Buffer) => received.push(data[0]!, data[1]!));
    await watcher.opened;
    // Quiet presence first: the caret below must be a leading edge, sent in the same turn.
    await new Promise((r) => setTimeout(r, 300));
    received.length = 0;

    const sender = await typeWithCaret(base, 'frappe et curseur');
    await waitFor(() => received.includes(1));
    // [0, 2] is a sync update, [1, …] presence: the update comes first.
    const firstUpdate = received.findIndex((byte, i) => i % 2 === 0 && byte === 0 && received[i + 1] === 2);
    const firstPresence = received.findIndex((byte, i) => i % 2 === 0 && byte === 1);
    expect(firstUpdate).toBeGreaterThanOrEqual(0);
    expect(firstUpdate).toBeLessThan(firstPresence);
    sender.ws.close();
    watcher.ws.close();
  });

  it('writes a keystroke and the caret that came with it to each other editor’s socket once, not twice', async () => {
    const base = `${server.url.replace('http', 'ws')}/collab/${projectId}`;
    const watcher = rawSocket(base, { cookie: reader.cookie });
    const received: number[] = [];
    watcher.ws.on('message', (data: Buffer) => received.push(data[0]!));
    await watcher.opened;
    await new Promise((r) => setTimeout(r, 300));
    // The server's writes to the watcher's socket (its remote end is the watcher's own socket).
    const watcherPort = socketOf(watcher.ws).localPort;
    let writes = 0;
    const originalWrite = net.Socket.prototype.write;
    const write = vi.spyOn(net.Socket.prototype, 'write').mockImplementation(function (this: net.Socket, ...args: unknown[]) {
      if (this.localPort === server.port && this.remotePort === watcherPort) writes++;
      return originalWrite.apply(this, args as Parameters<net.Socket['write']>);
    });
    try {
      received.length = 0;
      const sender = await typeWithCaret(base, 'une écriture');
      await waitFor(() => received.includes(0) && received.includes(1));
      await new Promise((r) => setTimeout(r, 100));
      sender.ws.close();
    } finally {
      write.mockRestore();
    }
    expect(writes).toBe(1);
    watcher.ws.close();
  });

  /**
   * A keystroke (a paragraph added) and its caret from a new editor, both frames in one TCP
   * write, as a browser's two sends of one keystroke usually arrive.
   */
  async function typeWithCaret(base: string, text: string) {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(server.deps.registry.get(projectId).doc));
    let update: Uint8Array | null = null;
    doc.on('update', (u: Uint8Array) => (update = u));
    appendParagraph(doc, section, text);
    const presence = new awarenessProtocol.Awareness(doc);
    presence.setLocalStateField('cursor', { anchor: 1, head: 1 });
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(presence, [doc.clientID]));
    presence.destroy();
    const sender = rawSocket(base, { cookie: editor.cookie });
    await sender.opened;
    const masked = (data: Uint8Array) => Sender.frame(Buffer.from(data), { fin: true, opcode: 2, mask: true, readOnly: false, rsv1: false });
    socketOf(sender.ws).write(Buffer.concat([...masked(updateMessage(update!)), ...masked(encoding.toUint8Array(encoder))]));
    return sender;
  }
});

const socketOf = (ws: WebSocket) => (ws as unknown as { _socket: net.Socket })._socket;
