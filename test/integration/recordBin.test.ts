import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { textOf } from '../../schemas/sharedText';
import { fichesActionsMap, filieresMap, indicatorRows, matrixKey } from '../../schemas/structured';
import { addFicheAction, addFiliere, addIndicator, removeIndicator, removeRecord, setMatrixCell } from '../../schemas/structuredEdits';
import { connectClient, synced, waitFor, type Client } from '../helpers/collabClient';
import { startTestServer, type TestServer } from '../helpers/testServer';

/**
 * Issue 20, finding 3: a rédactrice removes anyone's filière (24 filled cells) after one
 * confirm. What an editor removes goes to a bin that a coordinator restores from, live for
 * everyone; the bin and its restoration are the coordinator's only.
 */
let server: TestServer;
let coordinator: { id: string; cookie: string };
let editor: { id: string; cookie: string };
const opened: Client[] = [];

beforeAll(async () => {
  server = await startTestServer();
  coordinator = await server.user('Dr Claire Martin');
  editor = await server.user('Sophie Rédactrice');
});
afterAll(async () => {
  for (const c of opened) c.destroy();
  await server.close();
});

interface Entry {
  seq: number;
  root: string;
  id: string;
  label: string;
  removedBy: { id: string; name: string };
}

describe('the bin of removed records', () => {
  it('keeps a removed filière, fiche-action and indicator row; a coordinator restores them whole, live; editors cannot', async () => {
    const id = (await server.api('POST', '/api/projects', { cookie: coordinator.cookie, body: { kind: 'PMP', title: 'PMP à corbeille' } })).body.id as string;
    await server.api('PUT', `/api/projects/${id}/members/${editor.id}`, { cookie: coordinator.cookie, body: { role: 'editor' } });
    server.deps.registry.get(id).change((doc) => doc.getMap('meta').set('etablissements', [{ id: 'ch-a', name: 'CH A' }]));
    const client = connectClient(server.url, id, { cookie: editor.cookie }, { reconnect: false });
    opened.push(client);
    await synced(client);
    const doc = client.doc;
    const filiere = addFiliere(doc, 'filieres', 'Cardiologie');
    setMatrixCell(doc, filiere, 'permanence-continuite', 'ch-a', 'Astreinte H24');
    const fiche = addFicheAction(doc, 'filieres', { title: 'Fiche supprimée' });
    addIndicator(doc, fiche, { indicateur: 'Délai médian' });
    const kept = addFicheAction(doc, 'filieres', { title: 'Fiche gardée' });
    const row = addIndicator(doc, kept, { indicateur: 'Taux de retour' });
    const serverDoc = () => server.deps.registry.get(id).doc;
    await waitFor(() => indicatorRows(serverDoc(), kept)?.length === 1, 5_000, 'records on the server');

    removeRecord(doc, 'filieres', filiere);
    removeRecord(doc, 'fichesActions', fiche);
    removeIndicator(doc, kept, row);
    await waitFor(() => !filieresMap(serverDoc()).has(filiere) && indicatorRows(serverDoc(), kept)?.length === 0, 5_000, 'removals');

    expect((await server.api('GET', `/api/projects/${id}/bin`, { cookie: editor.cookie })).status).toBe(403);
    const bin = (await server.api('GET', `/api/projects/${id}/bin`, { cookie: coordinator.cookie })).body as Entry[];
    expect(bin.map((e) => [e.root, e.label, e.removedBy.name])).toEqual([
      ['indicatorTables', 'Taux de retour', 'Sophie Rédactrice'],
      ['fichesActions', 'Fiche supprimée', 'Sophie Rédactrice'],
      ['filieres', 'Cardiologie', 'Sophie Rédactrice'],
    ]);
    const entry = (root: string) => bin.find((e) => e.root === root)!;
    expect((await server.api('POST', `/api/projects/${id}/bin/${entry('filieres').seq}/restore`, { cookie: editor.cookie })).status).toBe(403);

    for (const root of ['filieres', 'fichesActions', 'indicatorTables']) {
      const res = await server.api('POST', `/api/projects/${id}/bin/${entry(root).seq}/restore`, { cookie: coordinator.cookie });
      expect(res.status, root).toBe(200);
    }
    // The editor's page receives them live, cells, indicators and all.
    await waitFor(() => filieresMap(doc).has(filiere) && fichesActionsMap(doc).has(fiche) && indicatorRows(doc, kept)?.length === 1, 5_000, 'restored live');
    expect(textOf((filieresMap(doc).get(filiere)!.get('matrix') as Y.Map<unknown>).get(matrixKey('permanence-continuite', 'ch-a')))).toBe('Astreinte H24');
    expect(
      indicatorRows(doc, fiche)!
        .toArray()
        .map((r) => textOf(r.get('indicateur'))),
    ).toEqual(['Délai médian']);
    expect(textOf(indicatorRows(doc, kept)!.get(0).get('indicateur'))).toBe('Taux de retour');
    // And keeps typing in them (shared text again, through the guard).
    (filieresMap(doc).get(filiere)!.get('name') as Y.Text).insert(11, ' adulte');
    await waitFor(() => textOf(filieresMap(serverDoc()).get(filiere)!.get('name')) === 'Cardiologie adulte', 5_000, 'typing after restore');
    expect(client.closes).toEqual([]);

    expect((await server.api('GET', `/api/projects/${id}/bin`, { cookie: coordinator.cookie })).body).toEqual([]);
    const again = await server.api('POST', `/api/projects/${id}/bin/${entry('filieres').seq}/restore`, { cookie: coordinator.cookie });
    expect(again.status).toBe(404);
    const audit = (await server.api('GET', `/api/projects/${id}/audit`, { cookie: coordinator.cookie })).body as { action: string }[];
    expect(audit.filter((e) => e.action === 'record.restored')).toHaveLength(3);
  });
});
