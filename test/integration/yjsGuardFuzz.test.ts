import { commentsMapName } from '../../schemas/comments';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkCompleteness } from '../../templates/completeness';
import { fragmentName, metaMapName, sectionsMap } from '../../schemas/docLayout';
import { modalities } from '../../schemas/modalities';
import { fichesActionsMap, filieresMap, indicatorTablesMap, matrixKey, objectifsMap, structuredRoots } from '../../schemas/structured';
import { addEtape, addFicheAction, addFiliere, addIndicator, addObjectif, removeRecord } from '../../schemas/structuredEdits';
import { getTemplate, mandatoryChapterIds } from '../../templates';
import { connectClient, synced, waitFor } from '../helpers/collabClient';
import { openHostile, type HostileClient } from '../helpers/hostileClient';
import { pick, randomInt, seededRandom } from '../../fixtures/prng';
import { appendParagraph } from '../helpers/richText';
import { startTestServer, type TestServer } from '../helpers/testServer';

/**
 * 2,000 random updates from an editor's session, touching every zone of the document with
 * values of every type, through a real socket: whatever the guard lets through, the project
 * stays readable, the gate reads the database, and every client converges on the server.
 */
let server: TestServer;
let projectId: string;
let coordinatorCookie: string;
let editorCookie: string;
const updates = 2000;

beforeAll(async () => {
  server = await startTestServer();
  const coordinator = await server.user('Coordinatrice');
  const editor = await server.user('Rédacteur');
  coordinatorCookie = coordinator.cookie;
  editorCookie = editor.cookie;
  projectId = (await server.api('POST', '/api/projects', { cookie: coordinatorCookie, body: { kind: 'PMP', title: 'PMP fuzz' } })).body.id;
  await server.api('PUT', `/api/projects/${projectId}/members/${editor.id}`, { cookie: coordinatorCookie, body: { role: 'editor' } });
  await server.api('PATCH', `/api/projects/${projectId}/sections/objectifs-medicaux`, { cookie: coordinatorCookie, body: { locked: true } });
});
afterAll(async () => {
  await server.close();
});

type Random = () => number;

function randomValue(random: Random): unknown {
  switch (randomInt(random, 0, 11)) {
    case 0:
      return 'texte';
    case 1:
      return 'x'.repeat(randomInt(random, 0, 25_000));
    case 2:
      return randomInt(random, -5, 5);
    case 3:
      return random() * 1e9;
    case 4:
      return random() < 0.5;
    case 5:
      return null;
    case 6:
      return [1, 'a', { b: null }];
    case 7:
      return { nested: { deep: ['x'] } };
    case 8:
      return new Y.Map();
    case 9:
      return new Y.Array();
    case 10:
      return new Y.Text('texte riche');
    default:
      return new Y.XmlElement('paragraph');
  }
}

const keys = [
  'title',
  'sectionId',
  'name',
  'description',
  'position',
  'matrix',
  'modality',
  'objectif',
  'etapes',
  'etablissements',
  'label',
  'level',
  'parentId',
  'mandatory',
  'locked',
  'status',
  'kind',
  'id',
  'indicateur',
  'zz',
];

/** One random change on the client's copy, in any zone. */
function mutate(doc: Y.Doc, random: Random): void {
  const sectionIds = [...sectionsMap(doc).keys()];
  const section = () => pick(random, [...sectionIds, 'inconnue']);
  const anyKey = <T>(map: Y.Map<T>) => pick(random, [...map.keys(), 'inconnu']);
  const setIn = (map: unknown) => {
    if (map instanceof Y.Map) map.set(pick(random, keys), randomValue(random));
  };

  switch (randomInt(random, 0, 17)) {
    case 0:
      return appendParagraph(doc, section(), 'texte ajouté');
    case 1: {
      const fragment = doc.getXmlFragment(fragmentName(section()));
      if (fragment.length > 0) fragment.delete(0, 1);
      return;
    }
    case 2:
      return doc.getXmlFragment(fragmentName(section())).insert(0, [new Y.XmlElement(pick(random, ['image', 'script', 'heading', 'table']))]);
    case 3:
      return setIn(sectionsMap(doc).get(section()));
    case 4:
      return void sectionsMap(doc).set(pick(random, [section(), 'nouvelle']), randomValue(random) as Y.Map<unknown>);
    case 5:
      return void doc.getMap(metaMapName).set(pick(random, ['kind', 'title', 'etablissements', 'autre']), randomValue(random));
    case 6:
      return void addFiliere(doc, pick(random, ['filieres', section()]), 'Filière');
    case 7:
      return setIn(filieresMap(doc).get(anyKey(filieresMap(doc))));
    case 8: {
      const matrix = filieresMap(doc)
        .get(anyKey(filieresMap(doc)))
        ?.get('matrix');
      if (matrix instanceof Y.Map) matrix.set(pick(random, [matrixKey(pick(random, modalities).id, 'e1'), 'n|i|m']), randomValue(random));
      return;
    }
    case 9:
      return void addFicheAction(doc, pick(random, ['filieres', section()]), { title: 'Fiche', modality: pick(random, ['', 'medico-social', 'faux']) });
    case 10:
      return setIn(fichesActionsMap(doc).get(anyKey(fichesActionsMap(doc))));
    case 11: {
      const fiche = anyKey(fichesActionsMap(doc));
      if (random() < 0.5) return void addEtape(doc, fiche, 'Étape', pick(random, ['2027-01-01', 'bientôt']));
      const list = fichesActionsMap(doc).get(fiche)?.get('etablissements');
      if (list instanceof Y.Array) list.push([randomValue(random)]);
      return;
    }
    case 12:
      return void addIndicator(doc, pick(random, [...indicatorTablesMap(doc).keys(), 'suivi-evaluation']), {
        indicateur: 'Taux',
        methode: randomValue(random) as string,
      });
    case 13: {
      const rows = indicatorTablesMap(doc).get(anyKey(indicatorTablesMap(doc)));
      if (rows instanceof Y.Array && rows.length > 0) setIn(rows.get(0));
      else void indicatorTablesMap(doc).set(anyKey(indicatorTablesMap(doc)), randomValue(random) as Y.Array<Y.Map<unknown>>);
      return;
    }
    case 14:
      return void addObjectif(doc, pick(random, ['objectifs-medicaux', section()]), pick(random, ['axe', 'strategique', 'faux'] as never[]), 'Objectif');
    case 15:
      return setIn(objectifsMap(doc).get(anyKey(objectifsMap(doc))));
    case 16:
      return removeRecord(doc, pick(random, ['filieres', 'fichesActions', 'objectifs'] as const), anyKey(filieresMap(doc)));
    default:
      return void doc.getMap(pick(random, ['zz-racine', structuredRoots.filieres])).set(`r${randomInt(random, 0, 9)}`, randomValue(random) as never);
  }
}

/** Waits until the server applied the update, or refused it (closed the socket). */
function outcome(client: HostileClient, doc: Y.Doc, clientId: number, clock: number): Promise<'applied' | 'refused'> {
  return new Promise((resolve) => {
    const applied = () => Y.getState(doc.store, clientId) >= clock;
    if (applied()) return resolve('applied');
    const onUpdate = () => {
      if (!applied()) return;
      doc.off('update', onUpdate);
      resolve('applied');
    };
    doc.on('update', onUpdate);
    void client.closed.then(() => {
      doc.off('update', onUpdate);
      resolve(applied() ? 'applied' : 'refused');
    });
  });
}

describe('the update guard under 2,000 random updates from an editor', () => {
  it('keeps the project readable, the gate on the database, and clients converged', async () => {
    const random = seededRandom(15);
    const serverDoc = () => server.deps.registry.get(projectId).doc;
    const open = () => openHostile(server.url, projectId, editorCookie, Y.encodeStateAsUpdate(serverDoc()));
    let client = await open();
    const tally = { applied: 0, refused: 0, empty: 0 };
    for (let i = 0; i < updates; i++) {
      let update: Uint8Array;
      try {
        update = client.change((doc) => mutate(doc, random));
      } catch {
        tally.empty++;
        continue;
      }
      const { structs, ds } = Y.decodeUpdate(update);
      if (structs.length === 0 && ds.clients.size === 0) {
        tally.empty++;
        continue;
      }
      client.send(update);
      const result = await outcome(client, serverDoc(), client.doc.clientID, Y.getState(client.doc.store, client.doc.clientID));
      tally[result]++;
      if (result === 'refused' || !client.isOpen()) {
        client.ws.terminate();
        client = await open();
      }
    }
    client.ws.terminate();
    // Both outcomes were exercised, many times.
    expect(tally.applied).toBeGreaterThan(200);
    expect(tally.refused).toBeGreaterThan(200);

    for (const path of ['', '/completeness', '/assignments', '/timeline', '/export.docx', '/members']) {
      expect((await server.api('GET', `/api/projects/${projectId}${path}`, { cookie: coordinatorCookie })).status, path).toBe(200);
    }
    expect((await server.api('POST', `/api/projects/${projectId}/versions`, { cookie: coordinatorCookie, body: { label: 'Après fuzz' } })).status).toBe(201);

    // The gate's parts are the template's, whatever the document says of itself.
    const { warnings, ...report } = (await server.api('GET', `/api/projects/${projectId}/completeness`, { cookie: coordinatorCookie })).body;
    expect(warnings).toEqual([]);
    expect(report).toEqual(JSON.parse(JSON.stringify(checkCompleteness(serverDoc(), { kind: 'PMP', sectionIds: mandatoryChapterIds(getTemplate('PMP')) }))));
    expect(serverDoc().getMap(metaMapName).get('kind')).toBe('PMP');

    const coordinator = connectClient(server.url, projectId, { cookie: coordinatorCookie }, { reconnect: false });
    await synced(coordinator);
    const vector = (doc: Y.Doc) => Buffer.from(Y.encodeStateVector(doc)).toString('base64');
    await waitFor(() => vector(coordinator.doc) === vector(serverDoc()));
    const mapRoots = new Set<string>([metaMapName, 'sections', commentsMapName, ...Object.values(structuredRoots)]);
    // No root outside the layout was ever let in.
    expect([...serverDoc().share.keys()].filter((name) => !mapRoots.has(name) && !name.startsWith('section:'))).toEqual([]);
    // Map keys in sorted order: two replicas may list a map's keys in different orders.
    const sorted = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(sorted)
        : value && typeof value === 'object'
          ? Object.fromEntries(
              Object.keys(value)
                .sort()
                .map((k) => [k, sorted((value as Record<string, unknown>)[k])]),
            )
          : value;
    const roots = {
      one: (doc: Y.Doc, name: string) => JSON.stringify(name.startsWith('section:') ? doc.getXmlFragment(name).toString() : sorted(doc.getMap(name).toJSON())),
    };
    expect(Y.encodeStateVector(coordinator.doc)).toEqual(Y.encodeStateVector(serverDoc()));
    const differing = [...serverDoc().share.keys()].filter((name) => roots.one(coordinator.doc, name) !== roots.one(serverDoc(), name));
    expect(differing).toEqual([]);
    expect(coordinator.closes).toEqual([]);
    coordinator.destroy();
  }, 180_000);
});
