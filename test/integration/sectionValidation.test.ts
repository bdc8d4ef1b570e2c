import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sectionsMap } from '../../schemas/docLayout';
import { startTestServer, type TestServer } from '../helpers/testServer';

/**
 * Issue 20, finding 4: a rédactrice set her own section to "validé". Only a coordinator gives
 * (or takes back) "validé"; a rédacteur asks with "à valider" (stored `a_relire`). The outline is
 * server-owned, so the REST command is the only way to a status (the Yjs guard refuses any
 * client write to `sections`, see yjsGuard.test.ts).
 */
let server: TestServer;
let projectId: string;
let coordinator: { id: string; cookie: string };
let editor: { id: string; cookie: string };

const patch = (cookie: string, body: object) => server.api('PATCH', `/api/projects/${projectId}/sections/volet-palliatif`, { cookie, body });
const status = () => sectionsMap(server.deps.registry.get(projectId).doc).get('volet-palliatif')!.get('status');

beforeAll(async () => {
  server = await startTestServer();
  coordinator = await server.user('Pcme');
  editor = await server.user('Rédactrice');
  projectId = (await server.api('POST', '/api/projects', { cookie: coordinator.cookie, body: { kind: 'PM', title: 'PM' } })).body.id;
  await server.api('PUT', `/api/projects/${projectId}/members/${editor.id}`, { cookie: coordinator.cookie, body: { role: 'editor' } });
});
afterAll(() => server.close());

describe('who validates a section', () => {
  it('a rédacteur cannot set "validé", says why, and asks with "à valider"', async () => {
    const refused = await patch(editor.cookie, { status: 'valide' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('Seul un coordonnateur valide une section');
    expect(status()).not.toBe('valide');
    expect((await patch(editor.cookie, { status: 'a_relire' })).status).toBe(204);
    expect(status()).toBe('a_relire');
  });

  it('the coordinator validates; the rédacteur cannot take it back, the coordinator can', async () => {
    expect((await patch(coordinator.cookie, { status: 'valide' })).status).toBe(204);
    expect(status()).toBe('valide');
    const back = await patch(editor.cookie, { status: 'en_cours' });
    expect(back.status).toBe(403);
    expect(back.body.error.message).toContain('seul un coordonnateur peut revenir sur sa validation');
    expect(status()).toBe('valide');
    // Sending "validé" again changes nothing and is not a decision: allowed (idempotent clients).
    expect((await patch(editor.cookie, { status: 'valide' })).status).toBe(204);
    expect((await patch(coordinator.cookie, { status: 'en_cours' })).status).toBe(204);
    expect(status()).toBe('en_cours');
  });

  it('the policy module says it: section.validate is the coordinator’s', () => {
    const user = (id: string) => server.deps.store.users.get(id)!;
    expect(server.deps.policy.can(user(editor.id), { action: 'section.validate', projectId })).toBe(false);
    expect(server.deps.policy.can(user(coordinator.id), { action: 'section.validate', projectId })).toBe(true);
  });
});
