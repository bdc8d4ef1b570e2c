import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { limits } from '../../schemas/limits';
import { writeTextField } from '../../schemas/sharedText';
import { fichesActionsMap } from '../../schemas/structured';
import { addFicheAction } from '../../schemas/structuredEdits';
import { appendParagraph } from '../helpers/richText';
import { startTestServer, type TestServer } from '../helpers/testServer';

/**
 * Issue 20, finding 10 (search across projects): GET /api/search finds, accent- and
 * case-insensitively, words in the rich text and the structured fields of what the user may
 * read — the projects they are a member of, and for an ARS reader only the versions submitted
 * to their ARS — never a hit from anyone else's project, whatever the request says.
 */
let server: TestServer;
type Person = { id: string; cookie: string };
let coordinator: Person;
let reader: Person;
let reviewer: Person;
let stranger: Person;
let other: Person;
let ars: Person;
let shared: string;
let secret: string;

interface Hit {
  projectId: string;
  projectTitle: string;
  versionId: string | null;
  sectionId: string;
  sectionTitle: string;
  label: string;
  snippet: { text: string; start: number; end: number };
}
const search = async (who: Person, q: string) => server.api('GET', `/api/search?q=${encodeURIComponent(q)}`, { cookie: who.cookie });
const hitsOf = async (who: Person, q: string): Promise<Hit[]> => {
  const res = await search(who, q);
  expect(res.status).toBe(200);
  return res.body.hits as Hit[];
};

beforeAll(async () => {
  server = await startTestServer();
  coordinator = await server.user('Dr Claire Martin');
  reader = await server.user('Julie Lectrice');
  reviewer = await server.user('Paul Relecteur');
  stranger = await server.user('Inconnu Curieux');
  other = await server.user('Autre Coordonnateur');
  ars = await server.user('Lecteur ARS');
  shared = (await server.api('POST', '/api/projects', { cookie: coordinator.cookie, body: { kind: 'PMP', title: 'PMP du GHT Essonne' } })).body.id;
  secret = (await server.api('POST', '/api/projects', { cookie: other.cookie, body: { kind: 'PMP', title: 'PMP confidentiel' } })).body.id;
  await server.api('PUT', `/api/projects/${shared}/members/${reader.id}`, { cookie: coordinator.cookie, body: { role: 'reader' } });
  await server.api('PUT', `/api/projects/${shared}/members/${reviewer.id}`, { cookie: coordinator.cookie, body: { role: 'reviewer' } });
  server.deps.registry.get(shared).change((doc) => {
    appendParagraph(doc, 'diagnostic', 'Le nouvel Hôpital de jour cardiologique ouvre en 2027.');
    const fiche = addFicheAction(doc, 'filieres', { title: 'Urgences du cœur' });
    writeTextField(fichesActionsMap(doc).get(fiche)!, 'objectif', 'Réduire le délai d’accès à l’HÔPITAL de proximité');
  });
  server.deps.registry.get(secret).change((doc) => appendParagraph(doc, 'diagnostic', 'Fermeture envisagée de l’hôpital secret de Corbeil.'));
});
afterAll(async () => {
  await server.close();
});

describe('search across projects', () => {
  it('finds rich text and structured fields, accent- and case-insensitively, with section and snippet', async () => {
    const hits = await hitsOf(coordinator, 'hopital');
    expect(hits.map((h) => [h.projectTitle, h.sectionId, h.label])).toEqual([
      ['PMP du GHT Essonne', 'diagnostic', 'Texte'],
      ['PMP du GHT Essonne', 'filieres', 'Fiche-action « Urgences du cœur » — Objectif'],
    ]);
    expect(hits[0]!.sectionTitle).not.toBe('');
    const { text, start, end } = hits[0]!.snippet;
    expect(text.slice(start, end)).toBe('Hôpital');
    expect(hits[1]!.snippet.text.slice(hits[1]!.snippet.start, hits[1]!.snippet.end)).toBe('HÔPITAL');
    expect((await hitsOf(coordinator, 'COEUR')).map((h) => h.label)).toEqual(['Fiche-action « Urgences du cœur » — Titre']);
  });

  it('sees what was typed since (the cached text is dropped by each update)', async () => {
    expect(await hitsOf(coordinator, 'télécardiologie')).toEqual([]);
    server.deps.registry.get(shared).change((doc) => appendParagraph(doc, 'diagnostic', 'Une télécardiologie partagée.'));
    expect((await hitsOf(coordinator, 'telecardiologie')).length).toBe(1);
  });

  it('gives readers and reviewers their projects, and a stranger nothing, even by a hand-sent request', async () => {
    for (const member of [reader, reviewer]) {
      const hits = await hitsOf(member, 'hôpital');
      expect(new Set(hits.map((h) => h.projectId))).toEqual(new Set([shared]));
    }
    expect(await hitsOf(stranger, 'hopital')).toEqual([]);
    // Parameters the route does not know change nothing.
    const res = await server.api('GET', `/api/search?q=secret&projectId=${secret}&project=${secret}`, { cookie: stranger.cookie });
    expect(res.status).toBe(200);
    expect(res.body.hits).toEqual([]);
    expect(res.body.total).toBe(0);
    const mine = await hitsOf(coordinator, 'secret');
    expect(mine).toEqual([]);
    expect((await hitsOf(other, 'hopital')).map((h) => h.projectId)).toEqual([secret]);
    // Without a session, nothing.
    expect((await server.api('GET', '/api/search?q=hopital')).status).toBe(401);
  });

  it('refuses an empty, a too short or a too long query with the field at fault', async () => {
    for (const q of ['', '   ', 'h', 'x'.repeat(limits.searchQueryLength + 1)]) {
      const res = await search(coordinator, q);
      expect(res.status, JSON.stringify(q)).toBe(400);
      expect(res.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['q']);
    }
    const missing = await server.api('GET', '/api/search', { cookie: coordinator.cookie });
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields[0].path).toBe('q');
  });

  it('gives an ARS reader only the versions submitted to their ARS, never the live text', async () => {
    const arsId = server.deps.store.organisations.create({ name: 'ARS Île-de-France', kind: 'ARS' });
    server.deps.store.organisations.grantRole(arsId, ars.id, 'ars_reader');
    expect(await hitsOf(ars, 'hopital')).toEqual([]);
    const frozen = await server.api('POST', `/api/projects/${shared}/versions`, { cookie: coordinator.cookie, body: { label: 'Version transmise' } });
    expect(frozen.status).toBe(201);
    const secretVersion = await server.api('POST', `/api/projects/${secret}/versions`, { cookie: other.cookie, body: { label: 'Version gardée' } });
    expect(secretVersion.status).toBe(201);
    server.deps.store.submissions.create({
      projectId: shared,
      versionId: frozen.body.id,
      versionHash: frozen.body.hash,
      purpose: 'information',
      arsOrganisationId: arsId,
      manifest: '{}',
      package: new Uint8Array([1]),
      packageSha256: 'x',
      transmissionActId: null,
      createdBy: coordinator.id,
    });
    // Typed after the version was frozen: not what the ARS received.
    server.deps.registry.get(shared).change((doc) => appendParagraph(doc, 'diagnostic', 'Hôpital ajouté après la transmission.'));
    const hits = await hitsOf(ars, 'hopital');
    expect(hits.map((h) => [h.projectId, h.versionId, h.label])).toEqual([
      [shared, frozen.body.id, 'Texte'],
      [shared, frozen.body.id, 'Fiche-action « Urgences du cœur » — Objectif'],
    ]);
    expect(hits.some((h) => h.snippet.text.includes('après la transmission'))).toBe(false);
    expect((await hitsOf(coordinator, 'après la transmission')).length).toBe(1);
  });
});
