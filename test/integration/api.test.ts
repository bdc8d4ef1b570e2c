import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getTemplate, mandatoryChapterIds } from '../../templates';
import { startTestServer, type TestServer } from '../helpers/testServer';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ loginAttempts: 3 });
});
afterAll(() => server.close());

const fieldPaths = (body: any): string[] => body.error.fields.map((f: { path: string }) => f.path).sort();

describe('HTTP API', () => {
  it('GET /api/health', async () => {
    const res = await server.api('GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', disk: { freeBytes: expect.any(Number), minFreeBytes: expect.any(Number) } });
  });

  it('login sets an httpOnly SameSite session cookie; /api/me and logout use it', async () => {
    const u = await server.user('Session');
    const cookieHeader = (
      await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: u.email, password: 'password-of-Session' }),
      })
    ).headers.get('set-cookie')!;
    expect(cookieHeader).toMatch(/HttpOnly/);
    expect(cookieHeader).toMatch(/SameSite=Lax/);
    const me = await server.api('GET', '/api/me', { cookie: u.cookie });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email: u.email, name: 'Session', isAdmin: false });
    expect(me.body).not.toHaveProperty('passwordHash');
    expect((await server.api('POST', '/api/auth/logout', { cookie: u.cookie })).status).toBe(204);
    expect((await server.api('GET', '/api/me', { cookie: u.cookie })).status).toBe(401);
  });

  it('bad credentials give 401 without saying which part was wrong; repeated failures give 429', async () => {
    const u = await server.user('Cible');
    const wrong = await server.api('POST', '/api/auth/login', { body: { email: u.email, password: 'not-the-password' } });
    expect(wrong.status).toBe(401);
    const unknown = await server.api('POST', '/api/auth/login', { body: { email: 'nobody@test.fr', password: 'whatever-123' } });
    expect(unknown.status).toBe(401);
    expect(unknown.body.error.message).toBe(wrong.body.error.message);
    await server.api('POST', '/api/auth/login', { body: { email: u.email, password: 'again-wrong' } });
    await server.api('POST', '/api/auth/login', { body: { email: u.email, password: 'again-wrong' } });
    const limited = await server.api('POST', '/api/auth/login', { body: { email: u.email, password: 'password-of-Cible' } });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('too_many_attempts');
  });

  it('bad bodies get 400 with the fields at fault, in one error shape', async () => {
    const login = await server.api('POST', '/api/auth/login', { body: { email: 'pas-une-adresse', password: 42 } });
    expect(login.status).toBe(400);
    expect(login.body.error.code).toBe('validation_failed');
    expect(fieldPaths(login.body)).toEqual(['email', 'password']);

    const user = await server.api('POST', '/api/users', { cookie: server.adminCookie, body: { email: 'x@test.fr', name: '', password: 'court' } });
    expect(user.status).toBe(400);
    expect(fieldPaths(user.body)).toEqual(['name', 'password']);

    const project = await server.api('POST', '/api/projects', { cookie: server.adminCookie, body: { kind: 'ROMAN', title: '' } });
    expect(project.status).toBe(400);
    expect(fieldPaths(project.body)).toEqual(['kind', 'title']);

    const json = await server.api('POST', '/api/projects', { cookie: server.adminCookie, body: '{"kind": "PM",' });
    expect(json.status).toBe(400);
    expect(json.body.error.code).toBe('invalid_json');

    const member = await server.api('PUT', '/api/projects/abc/members/def', { cookie: server.adminCookie, body: { role: 'owner' } });
    expect(member.status).toBe(400);
    expect(fieldPaths(member.body)).toEqual(['role']);

    for (const res of [login, user, project, json, member]) {
      expect(Object.keys(res.body)).toEqual(['error']);
      expect(typeof res.body.error.message).toBe('string');
    }
  });

  it('refuses cross-site and non-JSON state changes (CSRF)', async () => {
    const u = await server.user('Csrf');
    const cross = await server.api('POST', '/api/projects', {
      cookie: u.cookie,
      headers: { origin: 'https://evil.example' },
      body: { kind: 'PM', title: 'x' },
    });
    expect(cross.status).toBe(403);
    const form = await server.api('POST', '/api/projects', {
      cookie: u.cookie,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'kind=PM&title=x',
    });
    expect(form.status).toBe(415);
    expect((await server.api('GET', '/api/projects', { cookie: u.cookie })).body).toEqual([]);
  });

  it('only an admin creates users', async () => {
    const u = await server.user('Simple');
    const res = await server.api('POST', '/api/users', { cookie: u.cookie, body: { email: 'y@test.fr', name: 'Y', password: 'long-enough-1' } });
    expect(res.status).toBe(403);
    const dup = await server.api('POST', '/api/users', { cookie: server.adminCookie, body: { email: u.email, name: 'Y', password: 'long-enough-1' } });
    expect(dup.status).toBe(409);
  });

  it('creates a project from its kind’s chapters; the creator is coordinator; members get roles', async () => {
    const pcme = await server.user('Pcme');
    const other = await server.user('Autre');
    const created = await server.api('POST', '/api/projects', { cookie: pcme.cookie, body: { kind: 'PM', title: 'Projet médical 2026–2030' } });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const project = await server.api('GET', `/api/projects/${id}`, { cookie: pcme.cookie });
    expect(project.status).toBe(200);
    expect(project.body).toMatchObject({ id, kind: 'PM', title: 'Projet médical 2026–2030', role: 'coordinator' });
    const flatten = (nodes: any[]): any[] => nodes.flatMap((n) => [n, ...flatten(n.children)]);
    const sections = flatten(project.body.sections);
    const ids = sections.map((s) => s.id);
    for (const mandatory of mandatoryChapterIds(getTemplate('PM'))) expect(ids).toContain(mandatory);
    for (const s of sections) expect(s.fragment).toBe(`section:${s.id}`);

    expect((await server.api('GET', `/api/projects/${id}`, { cookie: other.cookie })).status).toBe(404);
    expect((await server.api('PUT', `/api/projects/${id}/members/${other.id}`, { cookie: other.cookie, body: { role: 'editor' } })).status).toBe(404);
    expect((await server.api('PUT', `/api/projects/${id}/members/${other.id}`, { cookie: pcme.cookie, body: { role: 'reader' } })).status).toBe(204);
    const asReader = await server.api('GET', `/api/projects/${id}`, { cookie: other.cookie });
    expect(asReader.body.role).toBe('reader');
    expect((await server.api('PUT', `/api/projects/${id}/members/${pcme.id}`, { cookie: other.cookie, body: { role: 'reader' } })).status).toBe(403);
    const list = await server.api('GET', '/api/projects', { cookie: other.cookie });
    expect(list.body.map((p: any) => p.id)).toEqual([id]);
  });

  it('unknown API routes answer 404 in the error shape; anonymous calls 401', async () => {
    const res = await server.api('GET', '/api/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
    expect((await server.api('GET', '/api/projects')).status).toBe(401);
  });
});
