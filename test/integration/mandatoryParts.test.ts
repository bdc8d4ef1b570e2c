import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOutline } from '../../schemas/docLayout';
import { addIndicator } from '../../schemas/structuredEdits';
import { fillProject, freeze, writeSection } from '../helpers/exportFixtures';
import { startTestServer, type TestServer } from '../helpers/testServer';

/**
 * Issue 17, the templates' mandatory parts as the law stands: a PM's CPOM measures and its links
 * with the territory; the pôles annex "le cas échéant", marked "sans objet" with why; a CHU's
 * own parts; optional chapters picked at creation or later; a new indicator's baseline "à établir".
 */
let server: TestServer;
let coordinator: { id: string; cookie: string };
let reader: { id: string; cookie: string };
let ch: string;
let chu: string;

const ok = (res: { status: number; body: any }, status: number) => {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
};
const completeness = async (projectId: string) => ok(await server.api('GET', `/api/projects/${projectId}/completeness`, { cookie: coordinator.cookie }), 200);
const missingIds = async (projectId: string) => (await completeness(projectId)).items.map((i: { sectionId: string }) => i.sectionId);
const clear = (projectId: string, sectionId: string) => writeSection(server, projectId, sectionId, [{ type: 'paragraph' }]);

async function filledProject(kind: string, organisationId: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = ok(
    await server.api('POST', '/api/projects', { cookie: coordinator.cookie, body: { kind, title: `${kind} 2027–2031`, organisationId, ...extra } }),
    201,
  );
  ok(await server.api('PUT', `/api/projects/${res.id}/members/${reader.id}`, { cookie: coordinator.cookie, body: { role: 'reader' } }), 204);
  fillProject(server, res.id, 3);
  return res.id;
}

beforeAll(async () => {
  server = await startTestServer();
  coordinator = await server.user('Présidente de CME');
  reader = await server.user('Lecteur');
  const orgs = server.deps.store.organisations;
  ch = orgs.create({ name: 'Centre hospitalier de Val-Haut', kind: 'etablissement' });
  chu = orgs.create({ name: 'CHU de Val-Haut', kind: 'etablissement', type: 'CHU' });
  for (const org of [ch, chu]) orgs.grantRole(org, coordinator.id, 'member');
});
afterAll(() => server?.close());

describe('PM: the CPOM measures and the links with the territory are mandatory', () => {
  it('completeness refuses a PM without its CPOM or links parts, and so does the adoption record', async () => {
    const pm = await filledProject('PM', ch);
    expect((await completeness(pm)).complete).toBe(true);
    clear(pm, 'coherence-cpom-pmp');
    clear(pm, 'cooperations-ville-medico-social');
    const report = await completeness(pm);
    expect(report.complete).toBe(false);
    expect(report.items.map((i: { message: string }) => i.message)).toEqual([
      'La partie obligatoire « Mesures prises en application du CPOM » n’est pas rédigée.',
      'La partie obligatoire « Articulations avec les autres établissements, l’exercice coordonné et le secteur médico-social » n’est pas rédigée.',
    ]);
    const version = await freeze(server, pm, 'Version sans CPOM');
    const record = await server.api('POST', `/api/projects/${pm}/submissions`, { cookie: coordinator.cookie, body: { versionId: version.id } });
    expect(record.status).toBe(409);
    expect(record.body.error.missing.completeness.map((i: { sectionId: string }) => i.sectionId)).toEqual([
      'coherence-cpom-pmp',
      'cooperations-ville-medico-social',
    ]);
  });
});

describe('"sans objet", with why', () => {
  let pm: string;
  beforeAll(async () => {
    pm = await filledProject('PM', ch);
    clear(pm, 'annexe-poles');
  });

  it('the pôles annex (le cas échéant) is owed until a coordinator marks it "sans objet" with a justification', async () => {
    expect(await missingIds(pm)).toEqual(['annexe-poles']);
    const url = `/api/projects/${pm}/sections/annexe-poles/not-applicable`;
    expect((await server.api('PUT', url, { cookie: reader.cookie, body: { justification: 'L’établissement n’est pas organisé en pôles.' } })).status).toBe(403);
    const short = await server.api('PUT', url, { cookie: coordinator.cookie, body: { justification: 'non' } });
    expect(short.status).toBe(400);
    expect(short.body.error.fields).toEqual([expect.objectContaining({ path: 'justification' })]);
    const refused = await server.api('PUT', `/api/projects/${pm}/sections/volet-palliatif/not-applicable`, {
      cookie: coordinator.cookie,
      body: { justification: 'Pas d’activité palliative identifiée.' },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('not_applicable_refused');

    const justification = 'Depuis 2021 l’établissement n’est plus organisé en pôles : les services relèvent directement de la direction (L6146-1).';
    expect(ok(await server.api('PUT', url, { cookie: coordinator.cookie, body: { justification } }), 200)).toMatchObject({
      reason: justification,
      by: 'Présidente de CME',
    });
    expect(await missingIds(pm)).toEqual([]);
    const outline = readOutline(server.deps.registry.get(pm).doc);
    expect(outline.find((s) => s.id === 'annexe-poles')?.notApplicable).toMatchObject({ reason: justification });
    // The justification is part of the text put to the vote.
    const version = await freeze(server, pm, 'Version sans pôles');
    const frozen = ok(await server.api('GET', `/api/projects/${pm}/versions/${version.id}`, { cookie: coordinator.cookie }), 200);
    expect(frozen.content.sections.find((s: { id: string }) => s.id === 'annexe-poles').notApplicable).toBe(justification);
    const audit = ok(await server.api('GET', `/api/projects/${pm}/audit`, { cookie: coordinator.cookie }), 200);
    expect(audit.find((e: { action: string }) => e.action === 'section.notApplicable')).toMatchObject({ details: { justification } });

    expect((await server.api('DELETE', url, { cookie: coordinator.cookie })).status).toBe(204);
    expect(await missingIds(pm)).toEqual(['annexe-poles']);
  });

  it('a mark that lost its justification is reported, not taken as the part written', async () => {
    server.deps.registry.get(pm).change((doc) => {
      const entry = doc.getMap<any>('sections').get('annexe-poles');
      entry.set('notApplicable', { reason: ' ', by: 'x', at: '2027-01-01T00:00:00.000Z' });
    });
    const report = await completeness(pm);
    expect(report.items).toEqual([
      expect.objectContaining({ sectionId: 'annexe-poles', problem: 'incomplete', message: expect.stringContaining('sans justification') }),
    ]);
    ok(await server.api('DELETE', `/api/projects/${pm}/sections/annexe-poles/not-applicable`, { cookie: coordinator.cookie }), 204);
  });
});

describe('a CHU', () => {
  it('its PM’s research part may not be "sans objet"; elsewhere it may', async () => {
    const justification = 'Établissement sans activité de recherche clinique propre ni convention universitaire.';
    const inChu = await filledProject('PM', chu);
    const refused = await server.api('PUT', `/api/projects/${inChu}/sections/recherche-innovation/not-applicable`, {
      cookie: coordinator.cookie,
      body: { justification },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('toujours exigée dans un CHU');
    const inCh = await filledProject('PM', ch);
    ok(
      await server.api('PUT', `/api/projects/${inCh}/sections/recherche-innovation/not-applicable`, { cookie: coordinator.cookie, body: { justification } }),
      200,
    );
  });

  it('its PSIRMT must have its training and research part; a non-university hospital’s need not', async () => {
    const inChu = await filledProject('PSIRMT', chu);
    const inCh = await filledProject('PSIRMT', ch);
    for (const id of [inChu, inCh]) clear(id, 'formation-recherche-soins');
    expect(await missingIds(inChu)).toEqual(['formation-recherche-soins']);
    expect(await missingIds(inCh)).toEqual([]);
    // The editor's own flags say so too.
    expect(readOutline(server.deps.registry.get(inChu).doc).find((s) => s.id === 'formation-recherche-soins')?.mandatory).toBe(true);
  });
});

describe('optional chapters a CHU’s PM commonly adds', () => {
  it('are picked at creation or later, never mandatory', async () => {
    const pm = ok(
      await server.api('POST', '/api/projects', {
        cookie: coordinator.cookie,
        body: { kind: 'PM', title: 'Projet médical du CHU', organisationId: chu, optionalChapters: ['sante-numerique', 'attractivite-carrieres'] },
      }),
      201,
    ).id;
    const ids = () => readOutline(server.deps.registry.get(pm).doc).map((s) => s.id);
    expect(ids().slice(-2)).toEqual(['attractivite-carrieres', 'sante-numerique']);
    const unknown = await server.api('POST', '/api/projects', {
      cookie: coordinator.cookie,
      body: { kind: 'PM', title: 'x', organisationId: chu, optionalChapters: ['astrologie'] },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields[0]).toMatchObject({ path: 'optionalChapters' });
    expect(unknown.body.error.fields[0].message).toContain('sante-numerique');

    ok(await server.api('POST', `/api/projects/${pm}/optional-chapters`, { cookie: coordinator.cookie, body: { chapterId: 'capacitaire' } }), 201);
    expect(ids().at(-1)).toBe('capacitaire');
    expect((await server.api('POST', `/api/projects/${pm}/optional-chapters`, { cookie: coordinator.cookie, body: { chapterId: 'capacitaire' } })).status).toBe(
      409,
    );
    const outline = readOutline(server.deps.registry.get(pm).doc);
    expect(outline.filter((s) => ['capacitaire', 'sante-numerique', 'attractivite-carrieres'].includes(s.id)).every((s) => !s.mandatory)).toBe(true);
  });
});

describe('indicators: a new indicator’s baseline "à établir"', () => {
  it('is accepted with the date by which it will be measured', async () => {
    const pm = await filledProject('PM', ch);
    let rowId = '';
    server.deps.registry.get(pm).change((doc) => {
      rowId = addIndicator(doc, 'suivi-evaluation', {
        indicateur: 'Délai d’accès à la téléconsultation',
        methode: 'Médiane des délais, source agenda',
        valeurOrigine: 'À établir',
        valeurCible: '48 h',
        dateCible: '2030-12-31',
      });
    });
    const before = await completeness(pm);
    expect(before.items).toEqual([
      expect.objectContaining({ path: `sections/suivi-evaluation/indicators/${rowId}`, message: expect.stringContaining('sera mesurée') }),
    ]);
    server.deps.registry.get(pm).change((doc) => {
      const rows = doc.getMap<any>('indicatorTables').get('suivi-evaluation');
      rows
        .toArray()
        .find((r: any) => r.get('id') === rowId)
        .set('dateOrigine', '2027-12-31');
    });
    expect((await completeness(pm)).complete).toBe(true);
  });
});
