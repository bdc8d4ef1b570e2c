import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkerKeepMs, checkerRunning } from '../../server/auth/passwordChecker';
import { connectClient, synced, waitFor } from '../helpers/collabClient';
import { startTestServer, type TestServer } from '../helpers/testServer';

// Issue 16, finding 8: a password policy that refuses common and context-derived passwords,
// and a password change that ends the user's other sessions.
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ loginAttempts: 3 });
});
afterAll(() => server.close());

const createUser = (email: string, name: string, password: string) =>
  server.api('POST', '/api/users', { cookie: server.adminCookie, body: { email, name, password } });

describe('password policy', () => {
  it.each([
    ['ten times the same letter', 'aaaaaaaaaa'],
    ['the e-mail', 'jeanne.dupont@chu-test.fr'],
    ['the name and a year', 'JeanneDupont2026'],
    ['a common French password', 'motdepasse123'],
    ['a keyboard walk', 'azertyuiop12'],
  ])('refuses %s with 400 weak_password naming the field', async (_what, password) => {
    const res = await createUser('jeanne.dupont@chu-test.fr', 'Jeanne Dupont', password);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('weak_password');
    expect(res.body.error.fields).toEqual([{ path: 'password', message: expect.stringMatching(/^Mot de passe trop facile à deviner\./) }]);
  });

  it('accepts a password hard to guess', async () => {
    expect((await createUser('jeanne.dupont@chu-test.fr', 'Jeanne Dupont', 'cheval-agrafe-nuage-79')).status).toBe(201);
  });

  it('is checked in a thread of its own, stopped once idle: the serving thread never loads the 12 MiB of dictionaries (they stayed in its heap for good)', async () => {
    expect((await createUser('paul.durand@chu-test.fr', 'Paul Durand', 'motdepasse123')).status).toBe(400);
    expect(checkerRunning()).toBe(true);
    expect(Object.keys(createRequire(import.meta.url).cache).filter((file) => file.includes('@zxcvbn-ts'))).toEqual([]);
    await waitFor(() => !checkerRunning(), checkerKeepMs + 5_000);
    // A later check starts it again.
    expect((await createUser('paul.durand@chu-test.fr', 'Paul Durand', 'motdepasse123')).status).toBe(400);
  }, 30_000);
});

describe('POST /api/me/password', () => {
  it('checks the current password, refuses a weak one, then ends the other sessions only', async () => {
    const u = await server.user('Changeante');
    const oldPassword = 'password-of-Changeante';
    const other = await server.login(u.email, oldPassword);
    const otherToken = (
      await server.api(
        'POST',
        `/api/projects/${(await server.api('POST', '/api/projects', { cookie: other, body: { kind: 'PM', title: 'PM' } })).body.id}/collab-token`,
        { cookie: other },
      )
    ).body.token;
    expect(server.deps.store.sessions.collabTokenGrant(otherToken)).toBeDefined();

    const wrong = await server.api('POST', '/api/me/password', {
      cookie: u.cookie,
      body: { currentPassword: 'pas-le-bon-mot', newPassword: 'tulipe-orage-violon-58' },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields).toEqual([{ path: 'currentPassword', message: 'Mot de passe actuel incorrect.' }]);
    const weak = await server.api('POST', '/api/me/password', { cookie: u.cookie, body: { currentPassword: oldPassword, newPassword: u.email } });
    expect(weak.status).toBe(400);
    expect(weak.body.error.code).toBe('weak_password');
    expect(weak.body.error.fields[0].path).toBe('newPassword');

    const projectId = (await server.api('POST', '/api/projects', { cookie: u.cookie, body: { kind: 'PSP', title: 'PSP' } })).body.id;
    const mine = connectClient(server.url, projectId, { cookie: u.cookie }, { reconnect: false });
    const theirs = connectClient(server.url, projectId, { cookie: other }, { reconnect: false });
    await Promise.all([synced(mine), synced(theirs)]);

    const changed = await server.api('POST', '/api/me/password', {
      cookie: u.cookie,
      body: { currentPassword: oldPassword, newPassword: 'tulipe-orage-violon-58' },
    });
    expect(changed.status).toBe(204);
    // The other session's socket is closed at once (4401); the one that changed the password stays.
    await waitFor(() => theirs.closes.length > 0, 5_000, 'the other session’s socket closed');
    expect(theirs.closes).toEqual([4401]);
    expect(mine.closes).toEqual([]);
    mine.destroy();
    theirs.destroy();
    expect((await server.api('GET', '/api/me', { cookie: u.cookie })).status).toBe(200);
    expect((await server.api('GET', '/api/me', { cookie: other })).status).toBe(401);
    expect(server.deps.store.sessions.collabTokenGrant(otherToken)).toBeUndefined();
    expect((await server.api('POST', '/api/auth/login', { body: { email: u.email, password: oldPassword } })).status).toBe(401);
    expect((await server.api('POST', '/api/auth/login', { body: { email: u.email, password: 'tulipe-orage-violon-58' } })).status).toBe(200);

    const audit = (await server.api('GET', '/api/audit', { cookie: server.adminCookie })).body.entries;
    const entry = audit.find((e: any) => e.action === 'user.password' && e.actor.id === u.id);
    expect(entry.details).toEqual({ endedSessions: 1 });
    expect(JSON.stringify(entry)).not.toContain('tulipe');
  });

  it('does not count refused weak new passwords as guesses', async () => {
    const u = await server.user('Hesitante');
    for (let i = 0; i < 5; i++) {
      const res = await server.api('POST', '/api/me/password', {
        cookie: u.cookie,
        body: { currentPassword: 'password-of-Hesitante', newPassword: 'motdepasse123' },
      });
      expect(res.body.error.code).toBe('weak_password');
    }
    const res = await server.api('POST', '/api/me/password', {
      cookie: u.cookie,
      body: { currentPassword: 'password-of-Hesitante', newPassword: 'tulipe-orage-violon-58' },
    });
    expect(res.status).toBe(204);
  });

  it('limits wrong current passwords like logins', async () => {
    const u = await server.user('Devinette');
    for (let i = 0; i < 3; i++) {
      const res = await server.api('POST', '/api/me/password', {
        cookie: u.cookie,
        body: { currentPassword: `essai-${i}`, newPassword: 'tulipe-orage-violon-58' },
      });
      expect(res.status).toBe(400);
    }
    const limited = await server.api('POST', '/api/me/password', {
      cookie: u.cookie,
      body: { currentPassword: 'password-of-Devinette', newPassword: 'tulipe-orage-violon-58' },
    });
    expect(limited.status).toBe(429);
    expect(limited.body.error.message).toContain('changement de mot de passe');
  });
});
