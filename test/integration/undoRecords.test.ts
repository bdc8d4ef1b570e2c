import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { textOf } from '../../schemas/sharedText';
import { fichesActionsMap, filieresMap, indicatorRows, matrixKey, objectifsMap, structuredRoots } from '../../schemas/structured';
import { addFicheAction, addFiliere, addIndicator, removeIndicator, removeRecord, setMatrixCell } from '../../schemas/structuredEdits';
import { connectClient, synced, waitFor, type Client } from '../helpers/collabClient';
import { startTestServer, type TestServer } from '../helpers/testServer';

/**
 * Issue 20, finding 3: the editor's undo (a Y.UndoManager over the section's text and the
 * structured roots, tracking the user's own changes) brings back a removed filière with its
 * matrix, a fiche-action with its indicators, an indicator row: the update guard accepts what
 * the undo sends, and the others see it.
 */
let server: TestServer;
let editor: { id: string; cookie: string };
let coordinator: { id: string; cookie: string };
const opened: Client[] = [];
const docOf = (projectId: string) => server.deps.registry.get(projectId).doc;

beforeAll(async () => {
  server = await startTestServer();
  coordinator = await server.user('Dr Claire Martin');
  editor = await server.user('Sophie Rédactrice');
});
afterAll(async () => {
  for (const c of opened) c.destroy();
  await server.close();
});

function historyOf(doc: Y.Doc): Y.UndoManager {
  return new Y.UndoManager(
    Object.values(structuredRoots).map((root) => doc.getMap(root)),
    { trackedOrigins: new Set([null]), captureTimeout: 0 },
  );
}

describe('undo of structured edits through the update guard', () => {
  it('brings back a removed filière with its cells, a fiche-action with its indicators, an indicator row', async () => {
    const id = (await server.api('POST', '/api/projects', { cookie: coordinator.cookie, body: { kind: 'PMP', title: 'PMP annulable' } })).body.id as string;
    await server.api('PUT', `/api/projects/${id}/members/${editor.id}`, { cookie: coordinator.cookie, body: { role: 'editor' } });
    server.deps.registry.get(id).change((doc) => doc.getMap('meta').set('etablissements', [{ id: 'ch-a', name: 'CH A' }]));
    const client = connectClient(server.url, id, { cookie: editor.cookie }, { reconnect: false });
    opened.push(client);
    await synced(client);
    const doc = client.doc;
    const history = historyOf(doc);
    const filiere = addFiliere(doc, 'filieres', 'Cardiologie');
    setMatrixCell(doc, filiere, 'permanence-continuite', 'ch-a', 'Astreinte H24');
    const fiche = addFicheAction(doc, 'filieres', { title: 'Fiche', objectif: 'Réduire les délais' });
    addIndicator(doc, fiche, { indicateur: 'Délai médian' });
    const row = addIndicator(doc, fiche, { indicateur: 'Taux de retour' });
    await waitFor(() => indicatorRows(docOf(id), fiche)?.length === 2, 5_000, 'records on the server');

    removeRecord(doc, 'filieres', filiere);
    removeIndicator(doc, fiche, row);
    removeRecord(doc, 'fichesActions', fiche);
    // Removing a record removes its fields in the same update: accepted (it used to close with 4422).
    await waitFor(() => !filieresMap(docOf(id)).has(filiere) && !fichesActionsMap(docOf(id)).has(fiche), 5_000, 'removals on the server');
    expect(client.closes).toEqual([]);

    history.undo(); // the fiche-action, with its table
    history.undo(); // the indicator row
    history.undo(); // the filière, with its matrix
    const serverDoc = docOf(id);
    await waitFor(
      () => filieresMap(serverDoc).has(filiere) && fichesActionsMap(serverDoc).has(fiche) && indicatorRows(serverDoc, fiche)?.length === 2,
      5_000,
      'undo on the server',
    );
    expect(client.closes).toEqual([]);
    const matrix = filieresMap(serverDoc).get(filiere)!.get('matrix') as Y.Map<unknown>;
    expect(textOf(matrix.get(matrixKey('permanence-continuite', 'ch-a')))).toBe('Astreinte H24');
    expect(textOf(filieresMap(serverDoc).get(filiere)!.get('name'))).toBe('Cardiologie');
    expect(textOf(fichesActionsMap(serverDoc).get(fiche)!.get('objectif'))).toBe('Réduire les délais');
    expect(
      indicatorRows(serverDoc, fiche)!
        .toArray()
        .map((r) => textOf(r.get('indicateur'))),
    ).toEqual(['Délai médian', 'Taux de retour']);
    expect(objectifsMap(serverDoc).size).toBe(0);
  });
});
