import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/testServer';

// Issue 16, finding 4: the login limiter keys on the normalised e-mail, and counts per account
// and per client address separately (the server trusts X-Forwarded-For from loopback only,
// which is how these tests play distinct addresses).
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ loginAttempts: 3, loginAttemptsPerAddress: 6 });
});
afterAll(() => server.close());

const attempt = (email: string, password: string, address: string) =>
  server.api('POST', '/api/auth/login', { body: { email, password }, headers: { 'x-forwarded-for': address } });

describe('login limits', () => {
  it('spaces and letter case do not give an address more tries', async () => {
    const u = await server.user('Casse');
    for (let i = 0; i < 3; i++) expect((await attempt(u.email, 'wrong-password', '10.0.0.1')).status).toBe(401);
    for (const variant of [`  ${u.email}`, u.email.toUpperCase(), `${u.email.replace('casse', 'CaSsE')} `]) {
      const res = await attempt(variant, 'password-of-Casse', '10.0.0.1');
      expect(res.status).toBe(429);
      expect(res.body.error.code).toBe('too_many_attempts');
    }
  });

  it('an account is limited whatever the address the attempts come from', async () => {
    const u = await server.user('Compte');
    for (let i = 0; i < 3; i++) expect((await attempt(u.email, 'wrong-password', `10.0.1.${i}`)).status).toBe(401);
    expect((await attempt(` ${u.email.toUpperCase()}`, 'password-of-Compte', '10.0.1.99')).status).toBe(429);
  });

  it('an address is limited whatever the accounts it tries', async () => {
    for (let i = 0; i < 6; i++) expect((await attempt(`inconnu.${i}@test.fr`, 'wrong-password', '10.0.2.1')).status).toBe(401);
    const u = await server.user('Voisin');
    expect((await attempt(u.email, 'password-of-Voisin', '10.0.2.1')).status).toBe(429);
    expect((await attempt(u.email, 'password-of-Voisin', '10.0.2.2')).status).toBe(200);
  });

  it('a normalised address logs in', async () => {
    const u = await server.user('Normal');
    const res = await attempt(`  ${u.email.toUpperCase()}  `, 'password-of-Normal', '10.0.3.1');
    expect(res.status).toBe(200);
    expect(res.body.user.email).toBe(u.email);
  });
});
