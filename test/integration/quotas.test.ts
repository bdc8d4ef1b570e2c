import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fragmentName } from '../../schemas/docLayout';
import { connectClient, synced, waitFor } from '../helpers/collabClient';
import { appendParagraph } from '../helpers/richText';
import { startTestServer, type TestServer } from '../helpers/testServer';

// Issue 16, finding 3: one account cannot fill the disk.
let server: TestServer;
type U = { id: string; email: string; cookie: string };
let coordinator: U;
let ght: string;
const section = 'objectifs-medicaux';

beforeAll(async () => {
  server = await startTestServer({ quotaProjectsPerUser: 3, quotaFreezesPerDay: 3 });
  coordinator = await server.user('Coordinatrice');
  ght = server.deps.store.organisations.create({ name: 'GHT Quotas', kind: 'GHT' });
  server.deps.store.organisations.grantRole(ght, coordinator.id, 'member');
});
afterAll(() => server.close());

const createProject = (user: U, organisationId?: string) =>
  server.api('POST', '/api/projects', { cookie: user.cookie, body: { kind: 'PMP', title: 'PMP', organisationId } });
const freeze = (user: U, projectId: string, label = 'Version') =>
  server.api('POST', `/api/projects/${projectId}/versions`, { cookie: user.cookie, body: { label } });
const write = (projectId: string, text: string) => server.deps.registry.get(projectId).change((doc) => appendParagraph(doc, section, text));
const versionCount = async (user: U, projectId: string) =>
  (await server.api('GET', `/api/projects/${projectId}/versions`, { cookie: user.cookie })).body.length;

describe('quotas', () => {
  it('limits the projects one account creates (429 with a French sentence); administrators are not limited', async () => {
    const u = await server.user('Prolifique');
    for (let i = 0; i < 3; i++) expect((await createProject(u)).status).toBe(201);
    const refused = await createProject(u);
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('quota_exceeded');
    expect(refused.body.error.message).toBe('Vous avez déjà créé 3 projets, le maximum par compte. Demandez à un administrateur.');
    for (let i = 0; i < 4; i++)
      expect((await server.api('POST', '/api/projects', { cookie: server.adminCookie, body: { kind: 'PM', title: 'Admin' } })).status).toBe(201);
  });

  it('freezing an unchanged text returns the version already frozen instead of storing a copy', async () => {
    const id = (await createProject(coordinator, ght)).body.id;
    write(id, 'Premier texte.');
    const first = await freeze(coordinator, id, 'Version 1');
    expect(first.status).toBe(201);
    // The update log reaches SQLite from the journal on a timer: move it now, so the count is stable.
    const stored = () => (server.deps.store.documents.drain(), server.deps.store.usage.projectBytes(id));
    const bytes = stored();
    for (let i = 0; i < 5; i++) {
      const again = await freeze(coordinator, id, `Copie ${i}`);
      expect(again.status).toBe(200);
      expect(again.body).toEqual({ id: first.body.id, hash: first.body.hash, number: 1, existing: true, warnings: [] });
    }
    expect(await versionCount(coordinator, id)).toBe(1);
    expect(stored()).toBe(bytes);
  });

  it('limits the versions a project freezes in 24 hours', async () => {
    const id = (await createProject(coordinator)).body.id;
    for (let i = 0; i < 3; i++) {
      write(id, `Texte ${i}`);
      expect((await freeze(coordinator, id)).status).toBe(201);
    }
    write(id, 'Texte de trop');
    const refused = await freeze(coordinator, id);
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({
      code: 'quota_exceeded',
      message: 'Ce projet a déjà figé 3 versions en 24 heures, le maximum. Réessayez demain.',
    });
    expect(await versionCount(coordinator, id)).toBe(3);
  });

  it('limits the bytes a project and an organisation store (413), storing nothing past them', async () => {
    const { config } = server.deps;
    const id = (await createProject(coordinator, ght)).body.id;
    write(id, 'x'.repeat(200_000));
    expect((await freeze(coordinator, id)).status).toBe(201);
    write(id, 'y'.repeat(200_000));
    const saved = { project: config.quotaProjectBytes, organisation: config.quotaOrganisationBytes };
    try {
      config.quotaProjectBytes = server.deps.store.usage.projectBytes(id) + 100_000;
      const project = await freeze(coordinator, id);
      expect(project.status).toBe(413);
      expect(project.body.error.code).toBe('storage_quota_exceeded');
      expect(project.body.error.message).toMatch(/^Ce projet occuperait plus de \d+ Mio, l’espace permis par projet : rien n’a été enregistré\.$/);
      config.quotaProjectBytes = saved.project;
      config.quotaOrganisationBytes = server.deps.store.usage.organisationBytes(ght) + 100_000;
      const organisation = await freeze(coordinator, id);
      expect(organisation.status).toBe(413);
      expect(organisation.body.error.message).toContain('l’espace permis par organisation');
      expect(await versionCount(coordinator, id)).toBe(1);
    } finally {
      Object.assign(config, { quotaProjectBytes: saved.project, quotaOrganisationBytes: saved.organisation });
    }
    expect((await freeze(coordinator, id)).status).toBe(201);
  });
});

describe('free space floor', () => {
  it('reports free space on /api/health, and below the floor refuses writes cleanly, then recovers', async () => {
    const healthy = await server.api('GET', '/api/health');
    expect(healthy.status).toBe(200);
    expect(healthy.body.status).toBe('ok');
    expect(healthy.body.disk.freeBytes).toBeGreaterThan(0);
    expect(healthy.body.disk.minFreeBytes).toBe(server.deps.config.minFreeBytes);

    const author = await server.user('Disque');
    const id = (await createProject(author)).body.id;
    const token = (await server.api('POST', `/api/projects/${id}/collab-token`, { cookie: author.cookie })).body.token;
    const writer = connectClient(server.url, id, { token }, { reconnect: false });
    await synced(writer);
    appendParagraph(writer.doc, section, 'avant');
    const stored = () => server.deps.store.documents.load(id).updates.length;
    await waitFor(() => stored() >= 2, 5_000, 'the first paragraph stored');

    const floor = server.deps.config.minFreeBytes;
    server.deps.config.minFreeBytes = Number.MAX_SAFE_INTEGER;
    try {
      const low = await server.api('GET', '/api/health');
      expect(low.status).toBe(503);
      expect(low.body).toMatchObject({ status: 'degraded', storage: 'low_disk' });
      const refused = await createProject(author);
      expect(refused.status).toBe(507);
      expect(refused.body.error.code).toBe('insufficient_storage');
      expect(refused.body.error.message).toContain('espace disque');
      // Signing in still works, so people can read what the server holds.
      expect((await server.api('POST', '/api/auth/login', { body: { email: author.email, password: 'password-of-Disque' } })).status).toBe(200);
      expect((await server.api('GET', `/api/projects/${id}`, { cookie: author.cookie })).status).toBe(200);
      for (let i = 0; i < 200 && !writer.closes.includes(4503); i++) {
        appendParagraph(writer.doc, section, `pendant-${i}`);
        await new Promise((r) => setTimeout(r, 10));
      }
      expect(writer.closes).toContain(4503);
    } finally {
      server.deps.config.minFreeBytes = floor;
      writer.destroy();
    }
    expect((await server.api('GET', '/api/health')).status).toBe(200);
    expect((await createProject(author)).status).toBe(201);
    // What was stored before the floor is intact: the first paragraph, nothing half-written.
    const reread = new Y.Doc();
    const { snapshot, updates } = server.deps.store.documents.load(id);
    for (const update of snapshot ? [snapshot, ...updates] : updates) Y.applyUpdate(reread, update);
    expect(reread.getXmlFragment(fragmentName(section)).toString()).toContain('avant');
    expect(server.deps.store.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
