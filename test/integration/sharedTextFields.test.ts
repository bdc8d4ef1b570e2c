import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { textMapField } from '../../editor/src/blocks/fieldBinding';
import { checkCompleteness } from '../../templates/completeness';
import { textOf } from '../../schemas/sharedText';
import { fichesActionsMap, filieresMap, indicatorRows, matrixKey } from '../../schemas/structured';
import { addEtape, addFicheAction, addFiliere, addIndicator } from '../../schemas/structuredEdits';
import { connectClient, synced, waitFor, type Client } from '../helpers/collabClient';
import { openHostile, type HostileClient } from '../helpers/hostileClient';
import { startTestServer, type TestServer } from '../helpers/testServer';

/**
 * Issue 20, finding 1: structured text fields are shared text (Y.Text), so two people typing in
 * one cell both keep every keystroke; the update guard still holds each field to its schema.
 */
let server: TestServer;
let coordinator: { id: string; cookie: string };
let editor: { id: string; cookie: string };
const opened: { close(): void }[] = [];

const docOf = (projectId: string) => server.deps.registry.get(projectId).doc;
const cell = matrixKey('plateaux-techniques', 'ch-a');

async function project(): Promise<string> {
  const id = (await server.api('POST', '/api/projects', { cookie: coordinator.cookie, body: { kind: 'PMP', title: 'PMP partagé' } })).body.id as string;
  await server.api('PUT', `/api/projects/${id}/members/${editor.id}`, { cookie: coordinator.cookie, body: { role: 'editor' } });
  return id;
}

/** A filière (with one matrix cell), a fiche-action with one étape and one indicator, made by the server. */
function seedRecords(projectId: string): { filiere: string; fiche: string; indicator: string; etape: string } {
  const ids = { filiere: '', fiche: '', indicator: '', etape: '' };
  server.deps.registry.get(projectId).change((doc) => {
    doc.getMap('meta').set('etablissements', [{ id: 'ch-a', name: 'CH A' }]);
    ids.filiere = addFiliere(doc, 'filieres', 'Cardiologie');
    ids.fiche = addFicheAction(doc, 'filieres', { title: 'Fiche' });
    ids.indicator = addIndicator(doc, ids.fiche, { indicateur: 'Délai' });
    ids.etape = addEtape(doc, ids.fiche, 'Étape', '');
  });
  return ids;
}

function client(projectId: string, cookie: string): Client {
  const c = connectClient(server.url, projectId, { cookie }, { reconnect: false });
  opened.push({ close: () => c.destroy() });
  return c;
}

async function hostile(projectId: string, cookie = editor.cookie): Promise<HostileClient> {
  const c = await openHostile(server.url, projectId, cookie, Y.encodeStateAsUpdate(docOf(projectId)));
  opened.push({ close: () => c.ws.terminate() });
  return c;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  server = await startTestServer();
  coordinator = await server.user('Dr Claire Martin');
  editor = await server.user('Sophie Rédactrice');
});
afterAll(async () => {
  for (const c of opened) c.close();
  await server.close();
});

describe('two people typing in one structured field', () => {
  it('keep every keystroke of both, in a matrix cell, a fiche field and an indicator field (real y-websocket clients)', async () => {
    const id = await project();
    const ids = seedRecords(id);
    const a = client(id, coordinator.cookie);
    const b = client(id, editor.cookie);
    await Promise.all([synced(a), synced(b)]);
    const fieldsOf = (doc: Y.Doc) => {
      const fiche = fichesActionsMap(doc).get(ids.fiche)!;
      const matrix = filieresMap(doc).get(ids.filiere)!.get('matrix') as Y.Map<unknown>;
      const row = indicatorRows(doc, ids.fiche)!.toArray()[0]!;
      // The editor's own binding: each keystroke is written as the edit the input event made.
      return [textMapField(matrix, cell), textMapField(fiche, 'objectif'), textMapField(row, 'methode')];
    };
    const fieldsA = fieldsOf(a.doc);
    const fieldsB = fieldsOf(b.doc);
    const typedA = 'abcdefghijklmnopqrst';
    const typedB = '0123456789ABCDEFGHIJ';
    // Each types at the end of what its screen shows, keystroke after keystroke, without waiting
    // for the other's keystrokes: they cross on the wire.
    for (let i = 0; i < typedA.length; i++) {
      for (const field of fieldsA) field.write(field.read() + typedA[i], field.read().length + 1);
      for (const field of fieldsB) field.write(field.read() + typedB[i], field.read().length + 1);
      await pause(i % 3 === 0 ? 0 : 7);
    }
    const inOrder = (text: string, typed: string) =>
      text
        .split('')
        .filter((ch) => typed.includes(ch))
        .join('') === typed;
    for (let f = 0; f < 3; f++) {
      await waitFor(() => fieldsA[f]!.read().length === 40 && fieldsB[f]!.read().length === 40, 10_000, `field ${f} merged`);
      expect(fieldsA[f]!.read()).toBe(fieldsB[f]!.read());
      expect(inOrder(fieldsA[f]!.read(), typedA), fieldsA[f]!.read()).toBe(true);
      expect(inOrder(fieldsA[f]!.read(), typedB), fieldsA[f]!.read()).toBe(true);
    }
    const serverMatrix = filieresMap(docOf(id)).get(ids.filiere)!.get('matrix') as Y.Map<unknown>;
    await waitFor(() => textOf(serverMatrix.get(cell)).length === 40, 5_000, 'server copy');
    expect(textOf(serverMatrix.get(cell))).toBe(fieldsA[0]!.read());
    expect(a.closes).toEqual([]);
    expect(b.closes).toEqual([]);
  });
});

describe('documents written before shared text', () => {
  it('load with their plain-string fields turned into shared text, values kept; a plain string sent by an old client still reads', async () => {
    const id = await project();
    const ids = seedRecords(id);
    // What the old editor wrote: plain strings, overwritten whole.
    server.deps.registry.get(id).change((doc) => {
      const fiche = fichesActionsMap(doc).get(ids.fiche)!;
      fiche.set('title', 'Titre ancien');
      fiche.set('objectif', 'Objectif ancien');
      (filieresMap(doc).get(ids.filiere)!.get('matrix') as Y.Map<unknown>).set(cell, 'Cellule ancienne');
      indicatorRows(doc, ids.fiche)!.toArray()[0]!.set('methode', 'Méthode ancienne');
      (fiche.get('etapes') as Y.Array<Y.Map<unknown>>).get(0).set('label', 'Étape ancienne');
    });
    const dataDir = server.dataDir;
    await server.close();
    server = await startTestServer({ dataDir });
    const doc = docOf(id);
    const fiche = fichesActionsMap(doc).get(ids.fiche)!;
    expect(fiche.get('title')).toBeInstanceOf(Y.Text);
    expect(textOf(fiche.get('title'))).toBe('Titre ancien');
    expect(textOf((filieresMap(doc).get(ids.filiere)!.get('matrix') as Y.Map<unknown>).get(cell))).toBe('Cellule ancienne');
    expect(textOf(indicatorRows(doc, ids.fiche)!.toArray()[0]!.get('methode'))).toBe('Méthode ancienne');
    expect((fiche.get('etapes') as Y.Array<Y.Map<unknown>>).get(0).get('label')).toBeInstanceOf(Y.Text);
    expect(fiche.get('modality')).toBe('');

    // An editor still running the old code writes a plain string: accepted and read.
    const old = await hostile(id);
    old.send(old.change((d) => fichesActionsMap(d).get(ids.fiche)!.set('objectif', 'Écrit par un ancien éditeur')));
    await waitFor(() => textOf(fichesActionsMap(docOf(id)).get(ids.fiche)!.get('objectif')) === 'Écrit par un ancien éditeur');
    expect(old.isOpen()).toBe(true);
    const report = checkCompleteness(docOf(id));
    expect(JSON.stringify(report)).not.toContain('l’objectif n’est pas renseigné');
    const docx = await server.api('GET', `/api/projects/${id}/export.docx`, { cookie: coordinator.cookie });
    expect(docx.status).toBe(200);
  });
});

/**
 * The update with a delete set of our own: `ranges` (client, clock, len), repeated as given. A V1
 * update is its structs then the document's whole delete set, which an update of the document
 * with no struct holds alone after its first byte (0 clients of structs).
 */
function withDeleteSet(doc: Y.Doc, inserts: Uint8Array, ranges: [number, number, number][]): Uint8Array {
  const deleteSetOnly = Y.encodeStateAsUpdate(doc, Y.encodeStateVector(doc));
  expect(deleteSetOnly[0]).toBe(0);
  const encoder = encoding.createEncoder();
  encoding.writeUint8Array(encoder, inserts.subarray(0, inserts.length - (deleteSetOnly.length - 1)));
  const byClient = new Map<number, [number, number][]>();
  for (const [clientId, clock, len] of ranges) byClient.set(clientId, [...(byClient.get(clientId) ?? []), [clock, len]]);
  encoding.writeVarUint(encoder, byClient.size);
  for (const [clientId, list] of byClient) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, list.length);
    for (const [clock, len] of list) {
      encoding.writeVarUint(encoder, clock);
      encoding.writeVarUint(encoder, len);
    }
  }
  return encoding.toUint8Array(encoder);
}

describe('the guard holds shared text fields to their rules', () => {
  it('refuses (4422) text past a field’s length, in one update, in a second one, or in a burst of updates staged together', async () => {
    const id = await project();
    const ids = seedRecords(id);
    const titleOf = () => textOf(fichesActionsMap(docOf(id)).get(ids.fiche)!.get('title'));
    const typeInto = (doc: Y.Doc, text: string) => (fichesActionsMap(doc).get(ids.fiche)!.get('title') as Y.Text).insert(0, text);

    const once = await hostile(id);
    once.send(once.change((doc) => typeInto(doc, 'x'.repeat(301))));
    expect(await once.closed).toBe(4422);

    const twice = await hostile(id);
    twice.send(twice.change((doc) => typeInto(doc, 'y'.repeat(200))));
    await waitFor(() => titleOf().length === 205);
    twice.send(twice.change((doc) => typeInto(doc, 'z'.repeat(200))));
    expect(await twice.closed).toBe(4422);
    expect(titleOf()).toBe(`${'y'.repeat(200)}Fiche`);

    // Both leave in one write, so the server stages the first before checking the second.
    const burst = await hostile(id);
    const first = burst.change((doc) => typeInto(doc, 'b'.repeat(60)));
    const second = burst.change((doc) => typeInto(doc, 'c'.repeat(60)));
    burst.send(first);
    burst.send(second);
    expect(await burst.closed).toBe(4422);
    expect(titleOf().length).toBeLessThanOrEqual(300);
  });

  it('does not count a deletion twice when a hand-made delete set names the same characters again and again', async () => {
    const id = await project();
    const ids = seedRecords(id);
    const attacker = await hostile(id);
    const title = fichesActionsMap(attacker.doc).get(ids.fiche)!.get('title') as Y.Text;
    const firstChar = title._start!.id;
    const inserts = attacker.change(() => title.insert(title.length, 'w'.repeat(340)));
    // Deleting the first letter, named 50 times, would otherwise "free" 50 characters (5 + 340 - 50 ≤ 300).
    attacker.send(
      withDeleteSet(
        attacker.doc,
        inserts,
        Array.from({ length: 50 }, () => [firstChar.client, firstChar.clock, 1]),
      ),
    );
    expect(await Promise.race([attacker.closed, pause(3000).then(() => 'still open')])).toBe(4422);
    expect(textOf(fichesActionsMap(docOf(id)).get(ids.fiche)!.get('title'))).toBe('Fiche');
  });

  it('refuses (4422) formatting, embeds and nested types in a field, shared text under a field that takes none, and over-long cells, labels and indicators', async () => {
    const id = await project();
    const ids = seedRecords(id);
    const fiche = (doc: Y.Doc) => fichesActionsMap(doc).get(ids.fiche)!;
    const attacks: [string, (doc: Y.Doc) => void][] = [
      ['bold in a title', (doc) => (fiche(doc).get('title') as Y.Text).format(0, 3, { bold: true })],
      ['embed in an objectif', (doc) => (fiche(doc).get('objectif') as Y.Text).insertEmbed(0, { image: 'x' })],
      ['map inside a title', (doc) => (fiche(doc).get('title') as Y.Text).insertEmbed(0, new Y.Map())],
      ['shared text as a modality', (doc) => fiche(doc).set('modality', new Y.Text('permanence-continuite'))],
      ['shared text as a sectionId', (doc) => fiche(doc).set('sectionId', new Y.Text('filieres'))],
      ['matrix cell past 20 000', (doc) => (filieresMap(doc).get(ids.filiere)!.get('matrix') as Y.Map<unknown>).set(cell, new Y.Text('m'.repeat(20_001)))],
      ['étape label past 20 000', (doc) => ((fiche(doc).get('etapes') as Y.Array<Y.Map<unknown>>).get(0).get('label') as Y.Text).insert(0, 'e'.repeat(20_001))],
      ['indicator past 20 000', (doc) => (indicatorRows(doc, ids.fiche)!.get(0).get('indicateur') as Y.Text).insert(0, 'i'.repeat(20_001))],
      ['filière name past 300', (doc) => (filieresMap(doc).get(ids.filiere)!.get('name') as Y.Text).insert(0, 'n'.repeat(300))],
      ['attribute on a shared text', (doc) => (fiche(doc).get('title') as Y.Text).setAttribute('x', 'y')],
      ['XML text as a pilot', (doc) => fiche(doc).set('piloteMedical', new Y.XmlText('x'))],
    ];
    for (const [what, attack] of attacks) {
      const attacker = await hostile(id);
      attacker.send(attacker.change(attack));
      expect(await Promise.race([attacker.closed, pause(3000).then(() => 'still open')]), what).toBe(4422);
    }
    expect(textOf(fiche(docOf(id)).get('title'))).toBe('Fiche');
    expect(fiche(docOf(id)).get('modality')).toBe('');
  });

  it('refuses (4423) typing into a cell of a locked section, and lets the coordinator', async () => {
    const id = await project();
    const ids = seedRecords(id);
    expect((await server.api('PATCH', `/api/projects/${id}/sections/filieres`, { cookie: coordinator.cookie, body: { locked: true } })).status).toBe(204);
    const typeInCell = (doc: Y.Doc) => textMapField(filieresMap(doc).get(ids.filiere)!.get('matrix') as Y.Map<unknown>, cell).write('verrou');
    const writer = await hostile(id);
    writer.send(writer.change(typeInCell));
    expect(await writer.closed).toBe(4423);
    const coordinatorClient = await hostile(id, coordinator.cookie);
    coordinatorClient.send(coordinatorClient.change(typeInCell));
    await waitFor(() => textOf((filieresMap(docOf(id)).get(ids.filiere)!.get('matrix') as Y.Map<unknown>).get(cell)) === 'verrou');
  });
});
