import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { metaMapName, sectionsMap } from '../../schemas/docLayout';
import { sectionPlainText } from '../../schemas/sectionText';
import { fichesActionsMap, objectifsMap } from '../../schemas/structured';
import { textOf } from '../../schemas/sharedText';
import { addFicheAction, addObjectif } from '../../schemas/structuredEdits';
import { connectClient, synced, waitFor, type Client } from '../helpers/collabClient';
import { awarenessMessage, awarenessStatesOf, openHostile, type HostileClient } from '../helpers/hostileClient';
import { appendParagraph } from '../helpers/richText';
import { startTestServer, type TestServer } from '../helpers/testServer';

/**
 * The shared document is a second API (issue 15): each attack an editor or a reader could make
 * with hand-built y-protocols frames, sent through a real WebSocket to the real server.
 */
let server: TestServer;
let coordinator: { id: string; cookie: string };
let editor: { id: string; cookie: string };
let reader: { id: string; cookie: string };
const opened: { close(): void }[] = [];

const docOf = (projectId: string) => server.deps.registry.get(projectId).doc;
const stateOf = (projectId: string) => Y.encodeStateAsUpdate(docOf(projectId));

async function project(kind: 'PM' | 'PMP', title = `${kind} attaqué`): Promise<string> {
  const id = (await server.api('POST', '/api/projects', { cookie: coordinator.cookie, body: { kind, title } })).body.id as string;
  for (const [user, role] of [
    [editor, 'editor'],
    [reader, 'reader'],
  ] as const) {
    await server.api('PUT', `/api/projects/${id}/members/${user.id}`, { cookie: coordinator.cookie, body: { role } });
  }
  return id;
}

async function hostile(projectId: string, cookie: string): Promise<HostileClient & { messages: Uint8Array[] }> {
  const client = await openHostile(server.url, projectId, cookie, stateOf(projectId));
  opened.push({ close: () => client.ws.terminate() });
  return client;
}

function provider(projectId: string, cookie: string, reconnect = false): Client {
  const client = connectClient(server.url, projectId, { cookie }, { reconnect });
  opened.push({ close: () => client.destroy() });
  return client;
}

const patchSection = (projectId: string, sectionId: string, body: object) =>
  server.api('PATCH', `/api/projects/${projectId}/sections/${sectionId}`, { cookie: coordinator.cookie, body });

/** Every read route of a project answers 200 (no stored state may make a project unreadable). */
async function expectReadable(projectId: string): Promise<void> {
  for (const path of ['', '/completeness', '/assignments', '/timeline', '/export.docx']) {
    const res = await server.api('GET', `/api/projects/${projectId}${path}`, { cookie: coordinator.cookie });
    expect(res.status, `GET ${path}`).toBe(200);
  }
  const freeze = await server.api('POST', `/api/projects/${projectId}/versions`, { cookie: coordinator.cookie, body: { label: 'Contrôle' } });
  expect(freeze.status, 'freeze').toBe(201);
}

beforeAll(async () => {
  server = await startTestServer();
  coordinator = await server.user('Dr Claire Martin');
  editor = await server.user('Sophie Rédactrice');
  reader = await server.user('Julie Lectrice');
});
afterAll(async () => {
  for (const c of opened) c.close();
  await server.close();
});

describe('1. the outline and meta are server-owned', () => {
  it('refuses (4424) and stores nothing of a deleted, renamed or re-parented section, a dropped legal basis, or a changed meta', async () => {
    const id = await project('PM');
    const attacks: [string, (doc: Y.Doc) => void][] = [
      ['delete a mandatory section', (doc) => sectionsMap(doc).delete('volet-palliatif')],
      ['rename a section', (doc) => sectionsMap(doc).get('diagnostic')!.set('title', 'Piraté')],
      ['mandatory=false', (doc) => sectionsMap(doc).get('volet-palliatif')!.set('mandatory', false)],
      ['delete legalBasis', (doc) => sectionsMap(doc).get('volet-palliatif')!.delete('legalBasis')],
      ['parentId to itself', (doc) => sectionsMap(doc).get('diagnostic')!.set('parentId', 'diagnostic')],
      ['meta.kind', (doc) => doc.getMap(metaMapName).set('kind', 'PSP')],
      ['meta.title', (doc) => doc.getMap(metaMapName).set('title', 'Titre piraté')],
      ['meta.etablissements', (doc) => doc.getMap(metaMapName).set('etablissements', [{ id: 'x', name: 'Fantôme' }])],
    ];
    const before = JSON.stringify([sectionsMap(docOf(id)).toJSON(), docOf(id).getMap(metaMapName).toJSON()]);
    for (const [what, attack] of attacks) {
      const client = await hostile(id, editor.cookie);
      client.send(client.change(attack));
      expect(await client.closed, what).toBe(4424);
    }
    expect(JSON.stringify([sectionsMap(docOf(id)).toJSON(), docOf(id).getMap(metaMapName).toJSON()])).toBe(before);
  });

  it('changes the outline through the API instead, live for every client', async () => {
    const id = await project('PM');
    const watcher = provider(id, editor.cookie);
    await synced(watcher);
    expect((await patchSection(id, 'diagnostic', { title: 'Diagnostic territorial' })).status).toBe(204);
    const added = await server.api('POST', `/api/projects/${id}/sections`, { cookie: coordinator.cookie, body: { title: 'Santé numérique', parentId: null } });
    expect(added.status).toBe(201);
    await waitFor(() => sectionsMap(watcher.doc).get('diagnostic')?.get('title') === 'Diagnostic territorial' && sectionsMap(watcher.doc).has(added.body.id));
    expect(sectionsMap(watcher.doc).get(added.body.id)!.get('mandatory')).toBe(false);
    // …and an editor may not: renaming and adding chapters are the coordinator's.
    const refused = await server.api('PATCH', `/api/projects/${id}/sections/diagnostic`, { cookie: editor.cookie, body: { title: 'Autre' } });
    expect(refused.status).toBe(403);
    expect(watcher.closes).toEqual([]);
  });
});

describe('2. the completeness gate reads the database, not the document', () => {
  it('keeps a new PM incomplete even when its stored document claims another kind and no mandatory part', async () => {
    const id = await project('PM');
    const required = (await server.api('GET', `/api/projects/${id}/completeness`, { cookie: coordinator.cookie })).body.items.length;
    expect(required).toBeGreaterThanOrEqual(6);
    // What an editor did before the guard, now only possible from a store written back then.
    server.deps.registry.get(id).change((doc) => {
      doc.getMap(metaMapName).set('kind', 'XX');
      sectionsMap(doc).forEach((section) => section.set('mandatory', false));
    });
    const report = (await server.api('GET', `/api/projects/${id}/completeness`, { cookie: coordinator.cookie })).body;
    expect(report.complete).toBe(false);
    expect(report.items.length).toBe(required);
  });
});

describe('3. a poisoned entry cannot make a project unreadable', () => {
  it('refuses a section that is not a map (4424), and every route keeps answering', async () => {
    const id = await project('PM');
    const client = await hostile(id, editor.cookie);
    client.send(client.change((doc) => sectionsMap(doc).set('zz-poison', 'not a map' as never)));
    expect(await client.closed).toBe(4424);
    expect(sectionsMap(docOf(id)).has('zz-poison')).toBe(false);
    await expectReadable(id);
  });

  it('repairs a project poisoned before the guard when it loads: entry dropped, audited, routes answer 200', async () => {
    const id = await project('PM');
    server.deps.registry.get(id).change((doc) => {
      doc.getMap<unknown>('sections').set('zz-poison', 'not a map');
      doc.getMap<unknown>('fichesActions').set('zz-fiche', 42);
    });
    const dataDir = server.dataDir;
    await server.close();
    server = await startTestServer({ dataDir });
    await expectReadable(id);
    expect(sectionsMap(docOf(id)).has('zz-poison')).toBe(false);
    const audit = (await server.api('GET', `/api/projects/${id}/audit`, { cookie: coordinator.cookie })).body as {
      action: string;
      details: { repaired: string[] };
    }[];
    const repaired = (Array.isArray(audit) ? audit : (audit as { entries: typeof audit }).entries).find((e) => e.action === 'document.repaired');
    expect(repaired?.details.repaired).toEqual(expect.arrayContaining(['sections.zz-poison', 'fichesActions.zz-fiche']));
  });
});

describe('4. updates sent out of order cannot smuggle text into a section locked meanwhile', () => {
  it('refuses an update that depends on changes the server does not have (4409), before any lock', async () => {
    const id = await project('PM');
    const attacker = await hostile(id, editor.cookie);
    const u1 = attacker.change((doc) => appendParagraph(doc, 'diagnostic', 'anodin'));
    const u2 = attacker.change((doc) => appendParagraph(doc, 'volet-palliatif', 'texte passé en fraude'));
    attacker.send(u2);
    expect(await attacker.closed).toBe(4409);
    expect((await patchSection(id, 'volet-palliatif', { locked: true })).status).toBe(204);
    const second = await hostile(id, editor.cookie);
    second.send(u1);
    await waitFor(() => sectionPlainText(docOf(id), 'diagnostic') === 'anodin');
    expect(sectionPlainText(docOf(id), 'volet-palliatif')).toBe('');
  });
});

describe('5. structured records are checked on what the update writes', () => {
  it('refuses an objectif placed in a locked section, and moving a record into one (4423)', async () => {
    const id = await project('PM');
    // A second section that takes objectifs, so that a record can be moved between two of them.
    server.deps.registry.get(id).change((doc) => sectionsMap(doc).get('diagnostic')!.set('blocks', ['objectifs']));
    expect((await patchSection(id, 'objectifs-medicaux', { locked: true })).status).toBe(204);

    const direct = await hostile(id, editor.cookie);
    direct.send(direct.change((doc) => addObjectif(doc, 'objectifs-medicaux', 'axe', 'Axe en fraude')));
    expect(await direct.closed).toBe(4423);

    const mover = await hostile(id, editor.cookie);
    let objectifId = '';
    mover.send(mover.change((doc) => (objectifId = addObjectif(doc, 'diagnostic', 'axe', 'Axe légitime'))));
    await waitFor(() => objectifsMap(docOf(id)).has(objectifId));
    mover.send(mover.change((doc) => objectifsMap(doc).get(objectifId)!.set('sectionId', 'objectifs-medicaux')));
    expect(await mover.closed).toBe(4423);
    expect(objectifsMap(docOf(id)).get(objectifId)!.get('sectionId')).toBe('diagnostic');
    expect([...objectifsMap(docOf(id)).values()].every((o) => o.get('sectionId') !== 'objectifs-medicaux')).toBe(true);
  });

  it('refuses a fiche-action moved to a section that does not take fiches, and values of the wrong type (4422)', async () => {
    const id = await project('PMP');
    const writer = await hostile(id, editor.cookie);
    let ficheId = '';
    writer.send(writer.change((doc) => (ficheId = addFicheAction(doc, 'filieres', { title: 'Fiche légitime' }))));
    await waitFor(() => fichesActionsMap(docOf(id)).has(ficheId));
    const attacks: [string, (doc: Y.Doc) => void][] = [
      ['moved out of its block', (doc) => fichesActionsMap(doc).get(ficheId)!.set('sectionId', 'objectifs-medicaux')],
      ['title not a string', (doc) => fichesActionsMap(doc).get(ficheId)!.set('title', 42)],
      ['unknown modality', (doc) => fichesActionsMap(doc).get(ficheId)!.set('modality', 'téléportation')],
      ['required field removed', (doc) => fichesActionsMap(doc).get(ficheId)!.delete('sectionId')],
      ['record not a map', (doc) => fichesActionsMap(doc).set('zz', 'texte' as never)],
      ['record without its fields', (doc) => fichesActionsMap(doc).set('zz', new Y.Map())],
      ['a root of its own', (doc) => doc.getMap('zz-racine').set('a', 1)],
    ];
    for (const [what, attack] of attacks) {
      const client = await hostile(id, editor.cookie);
      client.send(client.change(attack));
      expect(await client.closed, what).toBe(4422);
    }
    const fiche = fichesActionsMap(docOf(id)).get(ficheId)!;
    expect([fiche.get('sectionId'), textOf(fiche.get('title')), fiche.get('modality')]).toEqual(['filieres', 'Fiche légitime', '']);
    expect(fichesActionsMap(docOf(id)).has('zz')).toBe(false);
    await expectReadable(id);
  });
});

describe('6. presence: one state per connection, its user set by the server, bounded', () => {
  it('keeps one state per reader socket and the reader’s own name, and relays little of a flood', async () => {
    const id = await project('PM');
    const watcher = await hostile(id, coordinator.cookie);
    const startBytes = watcher.received();
    const sockets = await Promise.all(Array.from({ length: 10 }, () => hostile(id, reader.cookie)));
    const fakeStates = (base: number) =>
      new Map(Array.from({ length: 5_000 }, (_, i) => [base + i, { user: { id: coordinator.id, name: 'Dr Claire Martin', color: '#000000' } }]));
    sockets.forEach((socket, s) => {
      const flood = awarenessMessage(fakeStates(1_000_000 * (s + 1)));
      for (let m = 0; m < 4; m++) socket.sendRaw(flood);
    });
    await waitFor(() => server.registry.get(id).awareness.getStates().size >= 10, 10_000, 'presence');
    await new Promise((r) => setTimeout(r, 1500));
    const states = server.registry.get(id).awareness.getStates();
    expect(states.size).toBe(10);
    for (const state of states.values()) expect(state.user).toMatchObject({ id: reader.id, name: 'Julie Lectrice' });
    const relayed = awarenessStatesOf(watcher.messages);
    expect([...relayed.values()].some((s) => (s.user as { name?: string } | undefined)?.name === 'Dr Claire Martin')).toBe(false);
    // Each socket's 5,000 fake states reached every peer before (10 × 5,000 states of ~90 bytes at
    // least once: 4.5 MB; the issue measured 21–34 MiB with 100 messages of 20,000).
    expect(watcher.received() - startBytes).toBeLessThan(1024 * 1024);
    expect(sockets.every((s) => s.isOpen())).toBe(true);
  }, 60_000);

  it('drops a presence state larger than a few KiB', async () => {
    const id = await project('PM');
    const client = await hostile(id, reader.cookie);
    client.sendRaw(awarenessMessage(new Map([[77, { sectionId: 'x'.repeat(10_000) }]])));
    client.sendRaw(awarenessMessage(new Map([[77, { sectionId: 'diagnostic' }]]), 2));
    await waitFor(() => server.registry.get(id).awareness.getStates().get(77)?.sectionId === 'diagnostic');
  });
});

describe('7. losing a right ends the socket at once', () => {
  it('closes an editor demoted to reader (4205), whose later writes are refused (4403)', async () => {
    const id = await project('PM');
    const demoted = await server.user('Rédacteur rétrogradé');
    await server.api('PUT', `/api/projects/${id}/members/${demoted.id}`, { cookie: coordinator.cookie, body: { role: 'editor' } });
    const socket = await hostile(id, demoted.cookie);
    await server.api('PUT', `/api/projects/${id}/members/${demoted.id}`, { cookie: coordinator.cookie, body: { role: 'reader' } });
    expect(await socket.closed).toBe(4205);
    const again = await hostile(id, demoted.cookie);
    again.send(again.change((doc) => appendParagraph(doc, 'diagnostic', 'après rétrogradation')));
    expect(await again.closed).toBe(4403);
    expect(sectionPlainText(docOf(id), 'diagnostic')).not.toContain('rétrogradation');
  });

  it('closes the sockets of a session at logout (4401) and kills the collab tokens it issued', async () => {
    const id = await project('PM');
    const leaving = await server.user('Rédactrice partante');
    await server.api('PUT', `/api/projects/${id}/members/${leaving.id}`, { cookie: coordinator.cookie, body: { role: 'editor' } });
    const token = (await server.api('POST', `/api/projects/${id}/collab-token`, { cookie: leaving.cookie })).body.token as string;
    const socket = await hostile(id, leaving.cookie);
    expect((await server.api('POST', '/api/auth/logout', { cookie: leaving.cookie })).status).toBe(204);
    expect(await socket.closed).toBe(4401);
    const withToken = await openHostile(server.url, id, '', stateOf(id), `?token=${token}`);
    expect(await withToken.closed).toBe(4401);
  });

  it('removes a member (DELETE): their socket closes (4403); the last coordinator stays', async () => {
    const id = await project('PM');
    const socket = await hostile(id, editor.cookie);
    const removed = await server.api('DELETE', `/api/projects/${id}/members/${editor.id}`, { cookie: coordinator.cookie });
    expect(removed.status).toBe(204);
    expect(await socket.closed).toBe(4403);
    expect((await server.api('GET', `/api/projects/${id}`, { cookie: editor.cookie })).status).toBe(404);
    const byEditor = await server.api('DELETE', `/api/projects/${id}/members/${reader.id}`, { cookie: reader.cookie });
    expect(byEditor.status).toBe(403);
    const last = await server.api('DELETE', `/api/projects/${id}/members/${coordinator.id}`, { cookie: coordinator.cookie });
    expect(last.status).toBe(409);
    const demoteLast = await server.api('PUT', `/api/projects/${id}/members/${coordinator.id}`, { cookie: coordinator.cookie, body: { role: 'editor' } });
    expect(demoteLast.status).toBe(409);
  });
});
