import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChapterTemplate } from '../../schemas/project';
import { getTemplate } from '../../templates';
import { startTestServer, type TestServer } from '../helpers/testServer';

// Issue 16, finding 2 and the organisation/template leaks of finding 8: tenants cannot reach each other.
let server: TestServer;
type U = { id: string; email: string; cookie: string };
let ghtA: string;
let chA: string;
let ghtB: string;
let ars: string;
let coordinatorB: U;
let memberA: U;
let managerA: U;
let nobody: U;
let arsReader: U;

const pmChapters = (): ChapterTemplate[] => structuredClone(getTemplate('PM').chapters) as ChapterTemplate[];
const foreignChapter = { id: 'chapitre-etranger', title: 'Chapitre étranger', mandatory: false, guidance: 'Voir https://exemple.invalid' };

beforeAll(async () => {
  server = await startTestServer();
  const orgs = server.deps.store.organisations;
  ghtA = orgs.create({ name: 'GHT A', kind: 'GHT' });
  chA = orgs.create({ name: 'CH A', kind: 'etablissement', parentId: ghtA, isSupport: true });
  ghtB = orgs.create({ name: 'GHT B', kind: 'GHT' });
  ars = orgs.create({ name: 'ARS Test', kind: 'ARS' });
  orgs.create({ name: 'ARS Voisine', kind: 'ARS' });
  coordinatorB = await server.user('Coordinatrice B');
  memberA = await server.user('Membre A');
  managerA = await server.user('Gestionnaire A');
  nobody = await server.user('Personne');
  arsReader = await server.user('Lecteur ARS');
  const grant = async (org: string, user: U, role: string) =>
    expect((await server.api('POST', `/api/organisations/${org}/roles`, { cookie: server.adminCookie, body: { userId: user.id, role } })).status).toBe(204);
  await grant(ghtB, coordinatorB, 'member');
  await grant(chA, memberA, 'member');
  await grant(ghtA, managerA, 'template_manager');
  await grant(ars, arsReader, 'ars_reader');
  expect((await server.api('PUT', `/api/organisations/${ghtA}/ars`, { cookie: server.adminCookie, body: { arsOrganisationId: ars } })).status).toBe(204);
  const inB = await server.api('POST', '/api/projects', { cookie: coordinatorB.cookie, body: { kind: 'PMP', title: 'PMP B', organisationId: ghtB } });
  expect(inB.status).toBe(201);
});
afterAll(() => server.close());

describe('tenancy', () => {
  it('another GHT’s coordinator can neither create a project in GHT A nor change its templates', async () => {
    const chapters = [...pmChapters(), foreignChapter];
    const direct = await server.api('PUT', `/api/organisations/${ghtA}/templates/PM`, { cookie: coordinatorB.cookie, body: { chapters } });
    expect(direct.status).toBe(404);
    for (const attacker of [coordinatorB, nobody]) {
      const foothold = await server.api('POST', '/api/projects', {
        cookie: attacker.cookie,
        body: { kind: 'PM', title: 'Cheval de Troie', organisationId: ghtA },
      });
      expect(foothold.status).toBe(400);
      expect(foothold.body.error.fields).toEqual([{ path: 'organisationId', message: 'Organisation inconnue.' }]);
      const again = await server.api('PUT', `/api/organisations/${ghtA}/templates/PM`, { cookie: attacker.cookie, body: { chapters } });
      expect(again.status).toBe(404);
    }
    expect(server.deps.store.templates.latest(ghtA, 'PM')).toBeUndefined();
  });

  it('a project role in the organisation does not grant template changes; the template manager’s role does', async () => {
    const own = await server.api('POST', '/api/projects', { cookie: memberA.cookie, body: { kind: 'PM', title: 'PM du CH A', organisationId: chA } });
    expect(own.status).toBe(201);
    const chapters = [...pmChapters(), foreignChapter];
    const byCoordinator = await server.api('PUT', `/api/organisations/${chA}/templates/PM`, { cookie: memberA.cookie, body: { chapters } });
    expect(byCoordinator.status).toBe(403);
    expect(byCoordinator.body.error.message).toContain('gestionnaires de modèles');
    // A GHT's template manager adapts the GHT's templates and those of its établissements.
    for (const org of [ghtA, chA]) {
      const saved = await server.api('PUT', `/api/organisations/${org}/templates/PM`, { cookie: managerA.cookie, body: { chapters } });
      expect(saved.status).toBe(200);
    }
  });

  it('every template change is audited with its diff', async () => {
    const chapters = pmChapters().map((c) => (c.id === 'objectifs-medicaux' ? { ...c, title: 'Nos objectifs' } : c));
    expect((await server.api('PUT', `/api/organisations/${ghtA}/templates/PM`, { cookie: managerA.cookie, body: { chapters } })).status).toBe(200);
    const audit = (await server.api('GET', '/api/audit', { cookie: server.adminCookie })).body;
    const entries = audit.entries.filter((e: any) => e.action === 'template.customise' && e.details.organisationId === ghtA);
    expect(entries).toHaveLength(2);
    const [latest, first] = entries;
    expect(first.actor.id).toBe(managerA.id);
    expect(first.details).toMatchObject({ kind: 'PM', version: 1, from: null });
    expect(first.details.changes).toEqual([
      { id: 'chapitre-etranger', change: 'added', chapter: expect.objectContaining({ title: 'Chapitre étranger', guidance: 'Voir https://exemple.invalid' }) },
    ]);
    expect(latest.details).toMatchObject({ version: 2, from: 1 });
    expect(latest.details.changes).toEqual([
      {
        id: 'objectifs-medicaux',
        change: 'changed',
        fields: { title: { before: getTemplate('PM').chapters.find((c) => c.id === 'objectifs-medicaux')!.title, after: 'Nos objectifs' } },
      },
      { id: 'chapitre-etranger', change: 'removed', title: 'Chapitre étranger' },
    ]);
    expect(audit.intact).toBe(true);
  });

  it('organisations and their templates are listed only within the family; the ARS sees those reporting to it', async () => {
    const names = async (cookie: string) => (await server.api('GET', '/api/organisations', { cookie })).body.map((o: { name: string }) => o.name).sort();
    expect(await names(coordinatorB.cookie)).toEqual(['GHT B']);
    expect(await names(memberA.cookie)).toEqual(['CH A', 'GHT A']);
    expect(await names(nobody.cookie)).toEqual([]);
    expect(await names(arsReader.cookie)).toEqual(['ARS Test', 'CH A', 'GHT A']);
    expect(await names(server.adminCookie)).toEqual(['ARS Test', 'ARS Voisine', 'CH A', 'GHT A', 'GHT B']);

    for (const url of [`/api/organisations/${ghtA}/templates/PM`, `/api/templates?organisationId=${ghtA}`]) {
      const outside = await server.api('GET', url, { cookie: coordinatorB.cookie });
      expect(outside.status).toBe(404);
      expect(outside.body.error.code).toBe('organisation_not_found');
      expect((await server.api('GET', url, { cookie: memberA.cookie })).status).toBe(200);
      expect((await server.api('GET', url, { cookie: arsReader.cookie })).status).toBe(200);
    }
    // Without an organisation, the national templates stay readable by everyone.
    expect((await server.api('GET', '/api/templates', { cookie: nobody.cookie })).status).toBe(200);
  });

  it('an ARS reader creates no project, even in an organisation that reports to it', async () => {
    const res = await server.api('POST', '/api/projects', { cookie: arsReader.cookie, body: { kind: 'PMP', title: 'x', organisationId: ghtA } });
    expect(res.status).toBe(403);
  });
});
