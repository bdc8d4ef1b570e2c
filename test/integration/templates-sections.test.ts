import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChapterTemplate } from '../../schemas/project';
import { getTemplate, mandatoryChapterIds } from '../../templates';
import { startTestServer, type TestServer } from '../helpers/testServer';

let server: TestServer;
let pcme: { id: string; cookie: string };
let author: { id: string; cookie: string };
let stranger: { id: string; cookie: string };
let orgId: string;

beforeAll(async () => {
  server = await startTestServer();
  pcme = await server.user('Pcme');
  author = await server.user('Auteur');
  stranger = await server.user('Autre');
  orgId = server.deps.store.organisations.create({ name: 'CH Test', kind: 'etablissement' });
  // Projects are created by the organisation's people; templates adapted by its template manager.
  server.deps.store.organisations.grantRole(orgId, pcme.id, 'member');
  server.deps.store.organisations.grantRole(orgId, pcme.id, 'template_manager');
  server.deps.store.organisations.grantRole(orgId, author.id, 'member');
  await server.api('POST', '/api/projects', { cookie: pcme.cookie, body: { kind: 'PM', title: 'PM 2021–2025', organisationId: orgId } });
});
afterAll(() => server.close());

const flatten = (nodes: any[]): any[] => nodes.flatMap((n) => [n, ...flatten(n.children ?? [])]);

describe('templates', () => {
  it('GET /api/templates gives every kind with its chapter tree and legal bases', async () => {
    const res = await server.api('GET', '/api/templates', { cookie: author.cookie });
    expect(res.status).toBe(200);
    expect(res.body.map((t: any) => t.kind)).toEqual(['PM', 'PMP', 'PSP', 'PSIRMT', 'PMSP']);
    const pm = res.body[0];
    expect(
      flatten(pm.chapters)
        .filter((c) => c.mandatory)
        .map((c) => c.id),
    ).toEqual(mandatoryChapterIds(getTemplate('PM')));
    for (const chapter of flatten(pm.chapters).filter((c) => c.mandatory)) expect(chapter.legalBasis).toBeTruthy();
  });

  it('refuses a customisation that drops or weakens a mandatory part, naming it', async () => {
    const base = getTemplate('PM').chapters;
    const dropped = base.filter((c) => c.id !== 'volet-palliatif');
    const res = await server.api('PUT', `/api/organisations/${orgId}/templates/PM`, { cookie: pcme.cookie, body: { chapters: dropped } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_customisation');
    expect(res.body.error.fields[0].message).toContain('Volet palliatif');

    const optional = base.map((c) => (c.id === 'objectifs-medicaux' ? { ...c, mandatory: false } : c));
    const weakened = await server.api('PUT', `/api/organisations/${orgId}/templates/PM`, { cookie: pcme.cookie, body: { chapters: optional } });
    expect(weakened.status).toBe(400);
    expect(weakened.body.error.fields.map((f: any) => f.path)).toEqual([`chapters.${base.findIndex((c) => c.id === 'objectifs-medicaux')}.mandatory`]);
  });

  it('lets a template manager add, rename, reorder and make mandatory; new projects use it and record the version', async () => {
    const base = structuredClone(getTemplate('PM').chapters) as ChapterTemplate[];
    const renamed = base.map((c) => (c.id === 'objectifs-medicaux' ? { ...c, title: 'Nos objectifs médicaux' } : c));
    const optional = renamed.find((c) => !c.mandatory)!;
    optional.mandatory = true;
    const chapters = [
      ...renamed.reverse(),
      { id: 'projet-psychologique', title: 'Projet psychologique', mandatory: false, guidance: 'Volet du projet d’établissement.' },
    ];
    expect((await server.api('PUT', `/api/organisations/${orgId}/templates/PM`, { cookie: stranger.cookie, body: { chapters } })).status).toBe(404);
    expect((await server.api('PUT', `/api/organisations/${orgId}/templates/PM`, { cookie: author.cookie, body: { chapters } })).status).toBe(403);
    const saved = await server.api('PUT', `/api/organisations/${orgId}/templates/PM`, { cookie: pcme.cookie, body: { chapters } });
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(1);

    const created = await server.api('POST', '/api/projects', {
      cookie: pcme.cookie,
      body: { kind: 'PM', title: 'PM 2026–2030', organisationId: orgId, period: { startYear: 2026, endYear: 2030 } },
    });
    const project = (await server.api('GET', `/api/projects/${created.body.id}`, { cookie: pcme.cookie })).body;
    expect(project.templateCustomisationVersion).toBe(1);
    expect(project.period).toEqual({ startYear: 2026, endYear: 2030 });
    const sections = flatten(project.sections);
    expect(sections.at(-1).id).toBe('projet-psychologique');
    expect(sections.find((s) => s.id === 'objectifs-medicaux').title).toBe('Nos objectifs médicaux');
    expect(sections.find((s) => s.id === optional.id).mandatory).toBe(true);
    const report = (await server.api('GET', `/api/projects/${created.body.id}/completeness`, { cookie: pcme.cookie })).body;
    expect(report.items.map((i: any) => i.sectionId)).toContain(optional.id);

    const other = await server.api('POST', '/api/projects', {
      cookie: pcme.cookie,
      body: { kind: 'PM', title: 'x', period: { startYear: 2026, endYear: 2027 } },
    });
    expect(other.status).toBe(400);
    expect(other.body.error.fields[0].path).toBe('period.endYear');
  });
});

describe('assignments and status', () => {
  let projectId: string;
  beforeAll(async () => {
    projectId = (await server.api('POST', '/api/projects', { cookie: pcme.cookie, body: { kind: 'PM', title: 'Assignations' } })).body.id;
    await server.api('PUT', `/api/projects/${projectId}/members/${author.id}`, { cookie: pcme.cookie, body: { role: 'editor' } });
  });

  it('a coordinator assigns a section with a due date; the dashboard says who owes what, by when', async () => {
    const assign = await server.api('PATCH', `/api/projects/${projectId}/sections/volet-palliatif`, {
      cookie: pcme.cookie,
      body: { assignees: [author.id], dueDate: '2020-01-31' },
    });
    expect(assign.status).toBe(204);
    const status = await server.api('PATCH', `/api/projects/${projectId}/sections/volet-palliatif`, { cookie: author.cookie, body: { status: 'a_relire' } });
    expect(status.status).toBe(204);
    const board = (await server.api('GET', `/api/projects/${projectId}/assignments`, { cookie: pcme.cookie })).body;
    const row = board.find((r: any) => r.sectionId === 'volet-palliatif');
    expect(row).toMatchObject({ status: 'a_relire', dueDate: '2020-01-31', overdue: true, assignees: [{ id: author.id, name: 'Auteur' }] });
    expect(row.number).toMatch(/^\d+$/);
  });

  it('an editor may not assign, nor lock; assignees must be members; a locked section is the coordinator’s', async () => {
    expect(
      (await server.api('PATCH', `/api/projects/${projectId}/sections/volet-palliatif`, { cookie: author.cookie, body: { dueDate: '2030-01-01' } })).status,
    ).toBe(403);
    expect((await server.api('PATCH', `/api/projects/${projectId}/sections/volet-palliatif`, { cookie: author.cookie, body: { locked: true } })).status).toBe(
      403,
    );
    const outsider = await server.api('PATCH', `/api/projects/${projectId}/sections/volet-palliatif`, {
      cookie: pcme.cookie,
      body: { assignees: [stranger.id] },
    });
    expect(outsider.status).toBe(400);
    expect(outsider.body.error.fields[0].path).toBe('assignees');
    expect(
      (await server.api('PATCH', `/api/projects/${projectId}/sections/volet-palliatif`, { cookie: pcme.cookie, body: { status: 'valide', locked: true } }))
        .status,
    ).toBe(204);
    expect(
      (await server.api('PATCH', `/api/projects/${projectId}/sections/volet-palliatif`, { cookie: author.cookie, body: { status: 'en_cours' } })).status,
    ).toBe(403);
    const bad = await server.api('PATCH', `/api/projects/${projectId}/sections/volet-palliatif`, { cookie: pcme.cookie, body: { status: 'fini', extra: 1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: any) => f.path).sort()).toEqual(['(corps)', 'status']);
  });
});
