import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { pmpItemField } from '../../schemas/pmpLinks';
import { fichesActionsMap, objectifsMap } from '../../schemas/structured';
import { addFicheAction, addFiliere, addObjectif } from '../../schemas/structuredEdits';
import { waitFor } from '../helpers/collabClient';
import { createProject } from '../helpers/exportFixtures';
import { openHostile, type HostileClient } from '../helpers/hostileClient';
import { startTestServer, type TestServer } from '../helpers/testServer';

/**
 * Issue 24, item 4: a PM's objectif or fiche-action cites the PMP filière or fiche it implements.
 * The citable items come from the GHT's PMP (members of the PM only); the link is a field of the
 * record, checked by the update guard like the others. A well-formed id the PMP does not hold
 * is accepted and flagged by the readers (the cohérence view), never refused (docs/YJS.md).
 */
let server: TestServer;
let pcme: { id: string; cookie: string };
let stranger: { id: string; cookie: string };
let pmpId: string;
let pmId: string;
let filiereIds: string[];
let ficheId: string;
const opened: HostileClient[] = [];

const docOf = (projectId: string) => server.deps.registry.get(projectId).doc;
/** A raw client starting from the server's state, closed after the tests. */
const hostile = (projectId: string, cookie: string): Promise<HostileClient> =>
  openHostile(server.url, projectId, cookie, Y.encodeStateAsUpdate(docOf(projectId))).then((client) => {
    opened.push(client);
    return client;
  });

beforeAll(async () => {
  server = await startTestServer();
  const orgs = server.deps.store.organisations;
  const ght = orgs.create({ name: 'GHT des Trois-Vallées', kind: 'GHT' });
  const support = orgs.create({ name: 'CH de Vallée-Haute', kind: 'etablissement', parentId: ght, isSupport: true });
  orgs.create({ name: 'Hôpital de Vallée-Basse', kind: 'etablissement', parentId: ght });
  pcme = await server.user('Dr Paul Pcme');
  stranger = await server.user('Inconnu Sans-Rôle');
  orgs.grantRole(support, pcme.id, 'member');
  pmpId = await createProject(server, server.adminCookie, { kind: 'PMP', title: 'PMP des Trois-Vallées', organisationId: ght });
  server.deps.registry.get(pmpId).change((doc) => {
    filiereIds = ['Cardiologie', 'Gériatrie', 'Santé mentale'].map((name) => addFiliere(doc, 'filieres', name));
    ficheId = addFicheAction(doc, 'filieres', {
      title: 'Unité neuro-vasculaire de territoire',
      filiereId: filiereIds[0],
      modality: 'urgences-soins-non-programmes',
    });
  });
  pmId = await createProject(server, pcme.cookie, { kind: 'PM', title: 'Projet médical de Vallée-Haute', organisationId: support });
});
afterAll(async () => {
  for (const c of opened) c.ws.terminate();
  await server.close();
});

describe('GET /api/projects/:id/pmp-items', () => {
  it('lists the filières and fiches-actions of the GHT’s PMP to the PM’s members, with their stable ids', async () => {
    const res = await server.api('GET', `/api/projects/${pmId}/pmp-items`, { cookie: pcme.cookie });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ pmpProjectId: pmpId, pmpTitle: 'PMP des Trois-Vallées', source: 'draft', versionId: null });
    expect(res.body.items).toEqual([
      { id: filiereIds[0], kind: 'filiere', label: 'Cardiologie', filiereId: filiereIds[0], filiereName: 'Cardiologie', modality: null },
      { id: filiereIds[1], kind: 'filiere', label: 'Gériatrie', filiereId: filiereIds[1], filiereName: 'Gériatrie', modality: null },
      { id: filiereIds[2], kind: 'filiere', label: 'Santé mentale', filiereId: filiereIds[2], filiereName: 'Santé mentale', modality: null },
      {
        id: ficheId,
        kind: 'fiche',
        label: 'Unité neuro-vasculaire de territoire',
        filiereId: filiereIds[0],
        filiereName: 'Cardiologie',
        modality: 'urgences-soins-non-programmes',
      },
    ]);
  });

  it('answers 404 to someone who is not a member of the PM, and 401 without a session', async () => {
    expect((await server.api('GET', `/api/projects/${pmId}/pmp-items`, { cookie: stranger.cookie })).status).toBe(404);
    expect((await server.api('GET', `/api/projects/${pmId}/pmp-items`)).status).toBe(401);
  });

  it('offers nothing to cite in the PMP itself', async () => {
    const res = await server.api('GET', `/api/projects/${pmpId}/pmp-items`, { cookie: server.adminCookie });
    expect(res.body).toEqual({ pmpProjectId: null, pmpTitle: null, source: null, versionId: null, items: [] });
  });
});

describe('the link field through the update guard (raw y-websocket frames)', () => {
  it('accepts an objectif citing a PMP filière, and one created without the field (older clients)', async () => {
    const writer = await hostile(pmId, pcme.cookie);
    let linked = '';
    let plain = '';
    writer.send(
      writer.change((doc) => {
        linked = addObjectif(doc, 'objectifs-medicaux', 'axe', 'Filière cardiologique');
        objectifsMap(doc).get(linked)!.set(pmpItemField, filiereIds[0]);
        plain = addObjectif(doc, 'objectifs-medicaux', 'axe', 'Sans lien');
      }),
    );
    await waitFor(() => objectifsMap(docOf(pmId)).has(plain));
    expect(objectifsMap(docOf(pmId)).get(linked)!.get(pmpItemField)).toBe(filiereIds[0]);
    expect(objectifsMap(docOf(pmId)).get(plain)!.has(pmpItemField)).toBe(false);
    expect(writer.isOpen()).toBe(true);
  });

  it('refuses (4422) a link that is not a record id: a number, an object, a 65-character id, a removed field', async () => {
    const writer = await hostile(pmId, pcme.cookie);
    let target = '';
    writer.send(writer.change((doc) => (target = addObjectif(doc, 'objectifs-medicaux', 'axe', 'Cible', null))));
    await waitFor(() => objectifsMap(docOf(pmId)).has(target));
    writer.send(writer.change((doc) => objectifsMap(doc).get(target)!.set(pmpItemField, filiereIds[1])));
    await waitFor(() => objectifsMap(docOf(pmId)).get(target)!.get(pmpItemField) === filiereIds[1]);
    const attacks: [string, (doc: Y.Doc) => void][] = [
      ['a number', (doc) => objectifsMap(doc).get(target)!.set(pmpItemField, 42)],
      ['an object', (doc) => objectifsMap(doc).get(target)!.set(pmpItemField, { id: filiereIds[0] })],
      ['too long', (doc) => objectifsMap(doc).get(target)!.set(pmpItemField, 'x'.repeat(65))],
      ['with a separator', (doc) => objectifsMap(doc).get(target)!.set(pmpItemField, `${filiereIds[0]}|autre`)],
      ['removed rather than emptied', (doc) => objectifsMap(doc).get(target)!.delete(pmpItemField)],
    ];
    for (const [what, attack] of attacks) {
      const client = await hostile(pmId, pcme.cookie);
      client.send(client.change(attack));
      expect(await client.closed, what).toBe(4422);
    }
    expect(objectifsMap(docOf(pmId)).get(target)!.get(pmpItemField)).toBe(filiereIds[1]);
  });

  it('accepts a well-formed id the PMP does not hold (flagged by the readers) and an empty link', async () => {
    const writer = await hostile(pmId, pcme.cookie);
    let target = '';
    writer.send(writer.change((doc) => (target = addObjectif(doc, 'objectifs-medicaux', 'axe', 'Lien fabriqué'))));
    await waitFor(() => objectifsMap(docOf(pmId)).has(target));
    writer.send(writer.change((doc) => objectifsMap(doc).get(target)!.set(pmpItemField, 'inexistant42')));
    await waitFor(() => objectifsMap(docOf(pmId)).get(target)!.get(pmpItemField) === 'inexistant42');
    writer.send(writer.change((doc) => objectifsMap(doc).get(target)!.set(pmpItemField, '')));
    await waitFor(() => objectifsMap(docOf(pmId)).get(target)!.get(pmpItemField) === '');
    expect(writer.isOpen()).toBe(true);
  });

  it('takes the same field on a fiche-action (a PMP that cites nothing still validates it)', async () => {
    const writer = await hostile(pmpId, server.adminCookie);
    let local = '';
    writer.send(writer.change((doc) => (local = addFicheAction(doc, 'filieres', { title: 'Fiche locale' }))));
    await waitFor(() => fichesActionsMap(docOf(pmpId)).has(local));
    writer.send(writer.change((doc) => fichesActionsMap(doc).get(local)!.set(pmpItemField, ficheId)));
    await waitFor(() => fichesActionsMap(docOf(pmpId)).get(local)!.get(pmpItemField) === ficheId);
    const bad = await hostile(pmpId, server.adminCookie);
    bad.send(bad.change((doc) => fichesActionsMap(doc).get(local)!.set(pmpItemField, true)));
    expect(await bad.closed).toBe(4422);
  });
});

describe('another PMP of the GHT (its successor, in draft)', () => {
  it('cites nothing either, even when the other PMP is the current one', async () => {
    const successor = await createProject(server, server.adminCookie, {
      kind: 'PMP',
      title: 'PMP des Trois-Vallées, période suivante',
      organisationId: ghtIdOf(pmpId),
    });
    for (const id of [pmpId, successor]) {
      const res = await server.api('GET', `/api/projects/${id}/pmp-items`, { cookie: server.adminCookie });
      expect(res.body, id === pmpId ? 'PMP' : 'successor').toEqual({ pmpProjectId: null, pmpTitle: null, source: null, versionId: null, items: [] });
    }
  });
});

const ghtIdOf = (projectId: string): string => server.deps.store.projects.get(projectId)!.organisationId!;
