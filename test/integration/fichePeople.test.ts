import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { personIdKey, personText } from '../../schemas/fichePeople';
import { textOf, writeTextField } from '../../schemas/sharedText';
import { fichesActionsMap } from '../../schemas/structured';
import { addFicheAction } from '../../schemas/structuredEdits';
import { loadRichText } from '../../server/richText/runtime';
import { modelFromState } from '../../server/export/model/fromState';
import { modelSourceFor } from '../../server/export/modelSource';
import { connectClient, synced, waitFor, type Client } from '../helpers/collabClient';
import { openHostile } from '../helpers/hostileClient';
import { startTestServer, type TestServer } from '../helpers/testServer';

/**
 * Issue 20, finding 10: the pilots and the directeur référent of a fiche-action are members of
 * the project, chosen in a list: the record holds the member's id, the exports print the name,
 * and the update guard refuses an id that is not a member's — whoever sends it, by hand. A free
 * text of an older document stays readable until a member is chosen.
 */
let server: TestServer;
type Person = { id: string; cookie: string };
let coordinator: Person;
let editor: Person;
let reviewer: Person;
let reader: Person;
let stranger: Person;
let projectId: string;
let ficheId: string;
const opened: Client[] = [];

const serverDoc = () => server.deps.registry.get(projectId).doc;
const fiche = (doc: Y.Doc) => fichesActionsMap(doc).get(ficheId)!;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** The document model the PDF and DOCX exports are rendered from, for the live text. */
async function exportModel() {
  // Tiptap is loaded on first need; this builds the model without a request that would load it.
  await loadRichText();
  const source = modelSourceFor(server.deps, server.deps.store.projects.get(projectId)!, null);
  return modelFromState(source.state, source.context);
}
const hostile = async (who: Person) => openHostile(server.url, projectId, who.cookie, Y.encodeStateAsUpdate(serverDoc()));

beforeAll(async () => {
  server = await startTestServer();
  coordinator = await server.user('Dr Claire Martin');
  editor = await server.user('Sophie Bernard');
  reviewer = await server.user('Paul Relecteur');
  reader = await server.user('Julie Lectrice');
  stranger = await server.user('Inconnu Externe');
  projectId = (await server.api('POST', '/api/projects', { cookie: coordinator.cookie, body: { kind: 'PMP', title: 'PMP à pilotes' } })).body.id;
  for (const [who, role] of [
    [editor, 'editor'],
    [reviewer, 'reviewer'],
    [reader, 'reader'],
  ] as const) {
    await server.api('PUT', `/api/projects/${projectId}/members/${who.id}`, { cookie: coordinator.cookie, body: { role } });
  }
  // An older document: the pilot written as free text.
  server.deps.registry.get(projectId).change((doc) => {
    ficheId = addFicheAction(doc, 'filieres', { title: 'Urgences de nuit', piloteMedical: 'Dr Texte Libre' });
  });
});
afterAll(async () => {
  for (const c of opened) c.destroy();
  await server.close();
});

describe('pilots and référents chosen among the members', () => {
  it('lets an editor choose members (the free text then emptied), and the export prints their names', async () => {
    const client = connectClient(server.url, projectId, { cookie: editor.cookie }, { reconnect: false });
    opened.push(client);
    await synced(client);
    expect(personText(fiche(client.doc), 'piloteMedical', () => undefined)).toBe('Dr Texte Libre');
    client.doc.transact(() => {
      fiche(client.doc).set(personIdKey('piloteMedical'), coordinator.id);
      writeTextField(fiche(client.doc), 'piloteMedical', '');
      fiche(client.doc).set(personIdKey('directeurReferent'), editor.id);
    });
    await waitFor(() => fiche(serverDoc()).get('directeurReferentId') === editor.id, 5_000, 'choice stored');
    expect(fiche(serverDoc()).get('piloteMedicalId')).toBe(coordinator.id);
    expect(textOf(fiche(serverDoc()).get('piloteMedical'))).toBe('');
    expect(client.closes).toEqual([]);
    // Back to nobody ('') is a choice too.
    client.doc.transact(() => fiche(client.doc).set(personIdKey('directeurReferent'), ''));
    await waitFor(() => fiche(serverDoc()).get('directeurReferentId') === '', 5_000, 'choice cleared');
    client.doc.transact(() => fiche(client.doc).set(personIdKey('directeurReferent'), editor.id));
    await waitFor(() => fiche(serverDoc()).get('directeurReferentId') === editor.id, 5_000, 'chosen again');

    // The exports' model (PDF and DOCX read only it) names them.
    const res = await server.api('GET', `/api/projects/${projectId}/completeness`, { cookie: coordinator.cookie });
    expect(res.body.items.some((i: { path: string }) => i.path.endsWith(`${ficheId}/pilotes`))).toBe(false);
    const model = await exportModel();
    const fiches = model.chapters
      .flatMap(function all(c): typeof model.chapters {
        return [c, ...c.children.flatMap(all)];
      })
      .flatMap((c) => c.blocks.flatMap((b) => (b.kind === 'fichesActions' ? b.fiches : [])));
    expect(fiches.map((f) => [f.piloteMedical, f.directeurReferent])).toEqual([['Dr Claire Martin', 'Sophie Bernard']]);
  });

  it('refuses (4422) an id that is not a member of the project, sent by hand, by an editor, a coordinator or an administrator', async () => {
    for (const writer of [editor, coordinator, { id: 'admin', cookie: server.adminCookie }]) {
      for (const [what, mutate] of [
        ['a stranger', (doc: Y.Doc) => fiche(doc).set(personIdKey('piloteSoignant'), stranger.id)],
        ['an unknown id', (doc: Y.Doc) => fiche(doc).set(personIdKey('piloteSoignant'), 'no-such-user')],
        ['not a string', (doc: Y.Doc) => fiche(doc).set(personIdKey('piloteSoignant'), 42)],
        [
          'a new fiche naming a stranger',
          (doc: Y.Doc) => {
            const id = addFicheAction(doc, 'filieres', { title: 'Autre' });
            fichesActionsMap(doc).get(id)!.set(personIdKey('directeurReferent'), stranger.id);
          },
        ],
      ] as const) {
        const attacker = await hostile(writer);
        attacker.send(attacker.change(mutate));
        expect(await Promise.race([attacker.closed, pause(3000).then(() => 'still open')]), `${what} by ${writer.id}`).toBe(4422);
      }
    }
    expect(fiche(serverDoc()).get('piloteSoignantId')).toBeUndefined();
    expect(fichesActionsMap(serverDoc()).size).toBe(1);
  });

  it('refuses a reviewer and a reader (4403), and a stranger cannot even connect', async () => {
    for (const who of [reviewer, reader]) {
      const attacker = await hostile(who);
      attacker.send(attacker.change((doc) => fiche(doc).set(personIdKey('piloteSoignant'), who.id)));
      expect(await Promise.race([attacker.closed, pause(3000).then(() => 'still open')])).toBe(4403);
    }
    const outsider = await hostile(stranger);
    expect(await Promise.race([outsider.closed, pause(3000).then(() => 'still open')])).toBe(4403);
    expect(fiche(serverDoc()).get('piloteSoignantId')).toBeUndefined();
  });

  it('names a member removed since « membre retiré du projet » and keeps the choice', async () => {
    await server.api('DELETE', `/api/projects/${projectId}/members/${editor.id}`, { cookie: coordinator.cookie });
    const model = await exportModel();
    const text = JSON.stringify(model.chapters);
    expect(text).toContain('membre retiré du projet');
    expect(fiche(serverDoc()).get('directeurReferentId')).toBe(editor.id);
  });
});
