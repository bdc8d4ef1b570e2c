import type net from 'node:net';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { sectionsMap } from '../../schemas/docLayout';
import { sectionPlainText } from '../../schemas/sectionText';
import { indicatorRows } from '../../schemas/structured';
import { connectClient, synced, waitFor, type Client } from '../helpers/collabClient';
import { appendParagraph } from '../helpers/richText';
import { clientFrame, message } from '../helpers/rawFrames';
import { startTestServer, type TestServer } from '../helpers/testServer';

let server: TestServer;
let projectId: string;
let coordinator: { id: string; cookie: string };
let editor: { id: string; cookie: string };
const clients: Client[] = [];

function open(cookie: string): Client {
  const c = connectClient(server.url, projectId, { cookie }, { reconnect: false });
  clients.push(c);
  return c;
}
const serverDoc = () => server.deps.registry.get(projectId).doc;
const closedWith = (c: Client, code: number) => waitFor(() => c.closes.includes(code), 5000, `close ${code}`);

beforeAll(async () => {
  server = await startTestServer();
  coordinator = await server.user('Pcme');
  editor = await server.user('Auteur');
  projectId = (await server.api('POST', '/api/projects', { cookie: coordinator.cookie, body: { kind: 'PM', title: 'PM' } })).body.id;
  await server.api('PUT', `/api/projects/${projectId}/members/${editor.id}`, { cookie: coordinator.cookie, body: { role: 'editor' } });
  const pcme = open(coordinator.cookie);
  await synced(pcme);
  appendParagraph(pcme.doc, 'volet-palliatif', 'Texte validé');
  await waitFor(() => sectionPlainText(serverDoc(), 'volet-palliatif') === 'Texte validé');
  // The outline is the server's: status and locks change through the API, live for every client.
  const patch = (sectionId: string, body: object) =>
    server.api('PATCH', `/api/projects/${projectId}/sections/${sectionId}`, { cookie: coordinator.cookie, body });
  expect((await patch('volet-palliatif', { status: 'valide', locked: true })).status).toBe(204);
  expect((await patch('suivi-evaluation', { locked: true })).status).toBe(204);
  await waitFor(() => sectionsMap(pcme.doc).get('suivi-evaluation')?.get('locked') === true);
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server.close();
});

describe('locked sections', () => {
  it('refuse an editor’s change to a locked section’s text (4423) and keep the text', async () => {
    const e = open(editor.cookie);
    await synced(e);
    appendParagraph(e.doc, 'volet-palliatif', 'ajout interdit');
    await closedWith(e, 4423);
    expect(sectionPlainText(serverDoc(), 'volet-palliatif')).toBe('Texte validé');
  });

  it('still let the editor write in an unlocked section', async () => {
    const e = open(editor.cookie);
    await synced(e);
    appendParagraph(e.doc, 'objectifs-medicaux', 'ajout permis');
    await waitFor(() => sectionPlainText(serverDoc(), 'objectifs-medicaux') === 'ajout permis');
    expect(e.closes).toEqual([]);
  });

  it('accept an editor’s updates that build on each other and arrive together, before either is committed', async () => {
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/collab/${projectId}`, { headers: { cookie: editor.cookie } });
    ws.on('error', () => {});
    const closes: number[] = [];
    ws.on('close', (code) => closes.push(code));
    await new Promise((resolve) => ws.once('message', resolve));
    const local = new Y.Doc();
    Y.applyUpdate(local, Y.encodeStateAsUpdate(serverDoc()));
    const sent: Uint8Array[] = [];
    local.on('update', (update: Uint8Array) => sent.push(update));
    appendParagraph(local, 'objectifs-medicaux', 'premier');
    appendParagraph(local, 'objectifs-medicaux', 'second, placé après le premier');
    // One socket write: both frames are read in one turn of the server's loop, so the second
    // is checked while the first only waits for its commit.
    const frames = sent.map((update) =>
      clientFrame(message((e) => (encoding.writeVarUint(e, 0), encoding.writeVarUint(e, 2), encoding.writeVarUint8Array(e, update)))),
    );
    (ws as unknown as { _socket: net.Socket })._socket.write(Buffer.concat(frames));
    await waitFor(() => sectionPlainText(serverDoc(), 'objectifs-medicaux') === sectionPlainText(local, 'objectifs-medicaux'));
    expect(sectionPlainText(serverDoc(), 'objectifs-medicaux')).toContain('second, placé après le premier');
    expect(closes).toEqual([]);
    ws.terminate();
  });

  it('refuse an editor unlocking a section, or locking one (the outline is server-owned: 4424)', async () => {
    const unlock = open(editor.cookie);
    await synced(unlock);
    sectionsMap(unlock.doc).get('volet-palliatif')!.set('locked', false);
    await closedWith(unlock, 4424);
    const lock = open(editor.cookie);
    await synced(lock);
    sectionsMap(lock.doc).get('objectifs-medicaux')!.set('locked', true);
    await closedWith(lock, 4424);
    expect(sectionsMap(serverDoc()).get('volet-palliatif')!.get('locked')).toBe(true);
    expect(sectionsMap(serverDoc()).get('objectifs-medicaux')!.get('locked')).toBeUndefined();
  });

  it('refuse an editor assigning a section or setting its due date over Yjs (server-owned: 4424)', async () => {
    for (const [key, value] of [
      ['assignees', [editor.id]],
      ['dueDate', '2030-01-01'],
    ] as const) {
      const e = open(editor.cookie);
      await synced(e);
      sectionsMap(e.doc).get('objectifs-medicaux')!.set(key, value);
      await closedWith(e, 4424);
      expect(sectionsMap(serverDoc()).get('objectifs-medicaux')!.get(key)).toBeUndefined();
    }
  });

  it('refuse a hand-made change to a locked section’s structured records and its metadata', async () => {
    const rows = open(editor.cookie);
    await synced(rows);
    const row = new Y.Map<unknown>();
    row.set('indicateur', 'Taux de retour au domicile');
    indicatorRows(rows.doc, 'suivi-evaluation')!.push([row]);
    await closedWith(rows, 4423);
    expect(indicatorRows(serverDoc(), 'suivi-evaluation')!.length).toBe(0);

    const status = open(editor.cookie);
    await synced(status);
    sectionsMap(status.doc).get('volet-palliatif')!.set('status', 'a_rediger');
    await closedWith(status, 4424);
    expect(sectionsMap(serverDoc()).get('volet-palliatif')!.get('status')).toBe('valide');
  });

  it('let the coordinator edit a locked section', async () => {
    const pcme = open(coordinator.cookie);
    await synced(pcme);
    appendParagraph(pcme.doc, 'volet-palliatif', 'correction du coordonnateur');
    await waitFor(() => sectionPlainText(serverDoc(), 'volet-palliatif').includes('correction du coordonnateur'));
    expect(pcme.closes).toEqual([]);
  });
});
