import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { sectionPlainText } from '../../schemas/sectionText';
import { textOf } from '../../schemas/sharedText';
import { fichesActionsMap, filieresMap, indicatorRows, matrixKey } from '../../schemas/structured';
import { addFicheAction, addFiliere, addIndicator, removeRecord, setMatrixCell } from '../../schemas/structuredEdits';
import { connectClient, synced, waitFor, type Client } from '../helpers/collabClient';
import { appendParagraph } from '../helpers/richText';
import { startTestServer, type TestServer } from '../helpers/testServer';

/**
 * Issue 20, finding 3: "Restaurer depuis une version" puts a section's text or its structured
 * part back as it was in a frozen version, as a new change every editor receives, audited;
 * only writers, and coordinators in a locked section.
 */
let server: TestServer;
let coordinator: { id: string; cookie: string };
let editor: { id: string; cookie: string };
let reader: { id: string; cookie: string };
const opened: Client[] = [];

beforeAll(async () => {
  server = await startTestServer();
  coordinator = await server.user('Dr Claire Martin');
  editor = await server.user('Sophie Rédactrice');
  reader = await server.user('Julie Lectrice');
});
afterAll(async () => {
  for (const c of opened) c.destroy();
  await server.close();
});

const restore = (projectId: string, cookie: string, body: unknown, sectionId = 'filieres') =>
  server.api('POST', `/api/projects/${projectId}/sections/${sectionId}/restore`, { cookie, body });

describe('restore a section from a frozen version', () => {
  it('puts the text, then the filières, fiches and indicators back as frozen, live for a connected editor, audited', async () => {
    const id = (await server.api('POST', '/api/projects', { cookie: coordinator.cookie, body: { kind: 'PMP', title: 'PMP restauré' } })).body.id as string;
    for (const [user, role] of [
      [editor, 'editor'],
      [reader, 'reader'],
    ] as const) {
      await server.api('PUT', `/api/projects/${id}/members/${user.id}`, { cookie: coordinator.cookie, body: { role } });
    }
    server.deps.registry.get(id).change((doc) => doc.getMap('meta').set('etablissements', [{ id: 'ch-a', name: 'CH A' }]));
    const client = connectClient(server.url, id, { cookie: editor.cookie }, { reconnect: false });
    opened.push(client);
    await synced(client);
    const doc = client.doc;
    appendParagraph(doc, 'filieres', 'Texte d’avant');
    const filiere = addFiliere(doc, 'filieres', 'Cardiologie');
    setMatrixCell(doc, filiere, 'permanence-continuite', 'ch-a', 'Astreinte H24');
    const fiche = addFicheAction(doc, 'filieres', { title: 'Fiche gardée' });
    addIndicator(doc, fiche, { indicateur: 'Délai médian' });
    await waitFor(() => indicatorRows(server.deps.registry.get(id).doc, fiche)?.length === 1, 5_000, 'records on the server');
    const frozen = await server.api('POST', `/api/projects/${id}/versions`, { cookie: coordinator.cookie, body: { label: 'Version 1' } });
    expect(frozen.status).toBe(201);
    const versionId = frozen.body.id as string;

    // Since the version: the text rewritten, the filière and the fiche removed, another filière added.
    appendParagraph(doc, 'filieres', 'Texte d’après');
    removeRecord(doc, 'filieres', filiere);
    removeRecord(doc, 'fichesActions', fiche);
    const added = addFiliere(doc, 'filieres', 'Filière ajoutée depuis');
    await waitFor(() => filieresMap(server.deps.registry.get(id).doc).has(added), 5_000, 'later changes');

    const text = await restore(id, editor.cookie, { versionId, part: 'text' });
    expect(text.status).toBe(200);
    expect(text.body).toEqual({ restored: 'text' });
    await waitFor(() => sectionPlainText(doc, 'filieres') === 'Texte d’avant', 5_000, 'text restored live');
    // The structured part was left alone by the text's restoration.
    expect(filieresMap(doc).has(added)).toBe(true);

    const records = await restore(id, editor.cookie, { versionId, part: 'records' });
    expect(records.status).toBe(200);
    expect(records.body).toEqual({ restored: 'records', records: 2 });
    await waitFor(() => filieresMap(doc).has(filiere) && !filieresMap(doc).has(added) && fichesActionsMap(doc).has(fiche), 5_000, 'records restored live');
    expect(textOf((filieresMap(doc).get(filiere)!.get('matrix') as Y.Map<unknown>).get(matrixKey('permanence-continuite', 'ch-a')))).toBe('Astreinte H24');
    expect(
      indicatorRows(doc, fiche)!
        .toArray()
        .map((row) => textOf(row.get('indicateur'))),
    ).toEqual(['Délai médian']);
    // The restored text is shared text again: the editor keeps typing in it, through the guard.
    (fichesActionsMap(doc).get(fiche)!.get('title') as Y.Text).insert(0, '» ');
    await waitFor(
      () => textOf(fichesActionsMap(server.deps.registry.get(id).doc).get(fiche)!.get('title')) === '» Fiche gardée',
      5_000,
      'typing after restore',
    );
    expect(client.closes).toEqual([]);

    const audit = (await server.api('GET', `/api/projects/${id}/audit`, { cookie: coordinator.cookie })).body as unknown;
    const entries = audit as { action: string; actor: { id: string }; details: Record<string, unknown> }[];
    const restored = entries.filter((e) => e.action === 'section.restored');
    expect(restored.map((e) => [e.actor.id, e.details.part, e.details.versionNumber])).toEqual([
      [editor.id, 'text', 1],
      [editor.id, 'records', 1],
    ]);
  });

  it('refuses readers (403), editors in a locked section (409), unknown versions (404) and bad input (400 naming the field)', async () => {
    const id = (await server.api('POST', '/api/projects', { cookie: coordinator.cookie, body: { kind: 'PMP', title: 'PMP gardé' } })).body.id as string;
    for (const [user, role] of [
      [editor, 'editor'],
      [reader, 'reader'],
    ] as const) {
      await server.api('PUT', `/api/projects/${id}/members/${user.id}`, { cookie: coordinator.cookie, body: { role } });
    }
    const versionId = (await server.api('POST', `/api/projects/${id}/versions`, { cookie: coordinator.cookie, body: { label: 'V1' } })).body.id as string;
    expect((await restore(id, reader.cookie, { versionId, part: 'text' })).status).toBe(403);
    expect((await restore(id, editor.cookie, { versionId: 'inconnue', part: 'text' })).status).toBe(404);
    const bad = await restore(id, editor.cookie, { versionId, part: 'tout' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('part');
    expect((await server.api('PATCH', `/api/projects/${id}/sections/filieres`, { cookie: coordinator.cookie, body: { locked: true } })).status).toBe(204);
    const locked = await restore(id, editor.cookie, { versionId, part: 'records' });
    expect(locked.status).toBe(409);
    expect(locked.body.error.code).toBe('section_locked');
    expect((await restore(id, coordinator.cookie, { versionId, part: 'records' })).status).toBe(200);
  });
});
