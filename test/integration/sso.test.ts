import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ssoErrors } from '../../schemas/sso';
import { connectClient, synced, type Client } from '../helpers/collabClient';
import { FetchBrowser, formAction } from '../helpers/fetchBrowser';
import { createHash } from 'node:crypto';
import { freePort, oidcSettingsFor, otherClientId, otherRedirectUri, startOidcProvider, type TestOidcProvider } from '../helpers/oidcProvider';
import { startTestServer, type TestServer } from '../helpers/testServer';
import type { Config } from '../../server/config';

// Issue 18, item 6: single sign-on through a real OpenID provider (oidc-provider) on
// 127.0.0.1, driven as a browser would, hop by hop; and what an attacker would try.
let idp: TestOidcProvider;
let server: TestServer;
let app: string;

/** Starts the PMP server on a known port (the provider registers its redirect URI first). */
async function startSsoServer(overrides: Partial<Config> = {}): Promise<{ idp: TestOidcProvider; server: TestServer; app: string }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const provider = await startOidcProvider(url);
  const s = await startTestServer({ port, publicUrl: url, oidc: oidcSettingsFor(provider.issuer, url, provider.clientSecret), ...overrides });
  return { idp: provider, server: s, app: url };
}

/**
 * From `start`, through the provider's sign-in (as `login`) and consent pages, up to (not into)
 * the redirect address `stopAt`; returns the address the provider sends the browser to.
 */
async function throughProvider(browser: FetchBrowser, start: string, login: string, stopAt: string): Promise<string> {
  const stop = (l: string) => l.startsWith(stopAt);
  let hop = await browser.follow(start, stop);
  for (let pages = 0; hop.res.status === 200; pages++) {
    if (pages > 3) throw new Error('the provider keeps asking');
    const html = await hop.res.text();
    const form: Record<string, string> = /name="login"/.test(html) ? { prompt: 'login', login, password: 'any password' } : { prompt: 'consent' };
    hop = await browser.follow(formAction(html, hop.url), stop, { form });
  }
  expect(hop.res.status).toBe(303);
  return new URL(hop.res.headers.get('location')!, hop.url).href;
}

/** Through the provider's pages, up to (not into) the app's callback. */
const toCallback = (browser: FetchBrowser, login: string, returnTo = '#/projets', base = app): Promise<string> =>
  throughProvider(browser, `${base}/api/auth/oidc/login?returnTo=${encodeURIComponent(returnTo)}`, login, `${base}/api/auth/oidc/callback`);

/** The app's answer to a callback address: where it sends the browser, and the session cookie if any. */
async function callback(browser: FetchBrowser, url: string): Promise<{ location: string; cookie?: string }> {
  const res = await browser.request(url);
  expect(res.status).toBe(303);
  const session = browser.cookies(new URL(url).origin).get('pmp_session');
  return { location: res.headers.get('location')!, cookie: session ? `pmp_session=${session}` : undefined };
}

async function signIn(login: string, returnTo?: string) {
  const browser = new FetchBrowser();
  return { browser, ...(await callback(browser, await toCallback(browser, login, returnTo))) };
}

const refusedWith = (code: keyof typeof ssoErrors) => `${app}/?sso_error=${code}#/connexion`;

/** A victim's genuine sign-in, its answer carrying the attacker's `code`: refused, no session. */
async function expectCodeRefusedInVictimsSignIn(code: string): Promise<void> {
  const victim = new FetchBrowser();
  const answer = new URL(await toCallback(victim, 'bruno'));
  answer.searchParams.set('code', code);
  const res = await callback(victim, answer.href);
  expect(res.location).toBe(refusedWith('sso_refused'));
  expect(res.cookie).toBeUndefined();
}

beforeAll(async () => {
  ({ idp, server, app } = await startSsoServer());
  for (const u of [
    { sub: 'alice', email: 'Alice.Martin@CHU-Test.fr', email_verified: true, name: 'Alice Martin (annuaire)' },
    { sub: 'bruno', email: 'bruno.petit@chu-test.fr', email_verified: true, name: 'Bruno Petit' },
    { sub: 'eve', email: 'eve@ailleurs.example', email_verified: true, name: 'Ève' },
    { sub: 'nonverifie', email: 'claire@chu-test.fr', email_verified: false, name: 'Claire' },
    { sub: 'sansmail', name: 'Sans Adresse' },
  ]) {
    idp.users.set(u.sub, u);
  }
});
afterAll(async () => {
  await server.close();
  await idp.close();
});

describe('single sign-on', () => {
  it('tells the login page that SSO is on and passwords allowed', async () => {
    expect((await server.api('GET', '/api/auth/config')).body).toEqual({ sso: true, passwordLogin: true });
  });

  it('matches an existing account by its normalised e-mail; the session serves HTTP and the collaboration socket', async () => {
    const account = await server.api('POST', '/api/users', {
      cookie: server.adminCookie,
      body: { email: 'alice.martin@chu-test.fr', name: 'Alice Martin', password: 'un mot de passe solide 42' },
    });
    expect(account.status).toBe(201);
    const { location, cookie } = await signIn('alice', '#/projets');
    expect(location).toBe(`${app}/#/projets`);
    const me = await server.api('GET', '/api/me', { cookie });
    expect(me.body).toMatchObject({ id: account.body.id, email: 'alice.martin@chu-test.fr', name: 'Alice Martin' });

    const project = await server.api('POST', '/api/projects', { cookie: server.adminCookie, body: { kind: 'PM', title: 'Projet SSO' } });
    expect(project.status).toBe(201);
    expect(
      (await server.api('PUT', `/api/projects/${project.body.id}/members/${account.body.id}`, { cookie: server.adminCookie, body: { role: 'editor' } })).status,
    ).toBe(204);
    const client: Client = connectClient(server.url, project.body.id, { cookie: cookie! }, { reconnect: false });
    try {
      await synced(client);
    } finally {
      client.destroy();
    }
  });

  it('creates an account without any role for an allowed domain, once', async () => {
    const first = await signIn('bruno');
    expect(first.location).toBe(`${app}/#/projets`);
    const me = (await server.api('GET', '/api/me', { cookie: first.cookie })).body;
    expect(me).toMatchObject({ email: 'bruno.petit@chu-test.fr', name: 'Bruno Petit', isAdmin: false });
    expect((await server.api('GET', '/api/projects', { cookie: first.cookie })).body).toEqual([]);
    // No password was made for it: the password form cannot open this account.
    expect((await server.api('POST', '/api/auth/login', { body: { email: me.email, password: '!sso' } })).status).toBe(401);
    const again = await signIn('bruno');
    expect((await server.api('GET', '/api/me', { cookie: again.cookie })).body.id).toBe(me.id);
    const actions = server.deps.store.audit
      .latest(50)
      .filter((e) => e.actorId === me.id)
      .map((e) => e.action);
    expect(actions).toEqual(['user.sso_created']);
  });

  it('refuses an unknown user whose domain is not allowed, with a French message', async () => {
    const { location, cookie } = await signIn('eve');
    expect(location).toBe(refusedWith('sso_domain_not_allowed'));
    expect(cookie).toBeUndefined();
    expect(server.deps.store.users.findByEmail('eve@ailleurs.example')).toBeUndefined();
    expect(ssoErrors.sso_domain_not_allowed).toMatch(/domaine n’est pas autorisé/);
  });

  it('refuses an e-mail the provider does not vouch for, and a missing e-mail', async () => {
    expect((await signIn('nonverifie')).location).toBe(refusedWith('sso_email_unverified'));
    expect((await signIn('sansmail')).location).toBe(refusedWith('sso_no_email'));
  });

  it('refuses a tampered state, and the same answer replayed', async () => {
    const browser = new FetchBrowser();
    const url = await toCallback(browser, 'bruno');
    const tampered = new URL(url);
    tampered.searchParams.set('state', 'forged-state');
    expect((await callback(browser, tampered.href)).location).toBe(refusedWith('sso_refused'));
    // The sign-in under way was used up by the failed attempt: the genuine answer comes too late.
    const replay = await callback(browser, url);
    expect(replay.location).toBe(refusedWith('sso_expired'));
    expect(replay.cookie).toBeUndefined();
  });

  it('refuses an answer replayed after success, and one delivered to a browser that did not start it (login CSRF)', async () => {
    const browser = new FetchBrowser();
    const url = await toCallback(browser, 'bruno');
    expect((await callback(browser, url)).cookie).toBeDefined();
    expect((await callback(browser, url)).location).toBe(refusedWith('sso_expired'));
    const attacker = new FetchBrowser();
    const stolen = await toCallback(attacker, 'eve');
    const victim = new FetchBrowser();
    const res = await callback(victim, stolen);
    expect(res.location).toBe(refusedWith('sso_expired'));
    expect(res.cookie).toBeUndefined();
  });

  it('refuses a code injected into another browser’s sign-in (PKCE)', async () => {
    const attacker = new FetchBrowser();
    const attackerCode = new URL(await toCallback(attacker, 'eve')).searchParams.get('code')!;
    await expectCodeRefusedInVictimsSignIn(attackerCode);
  });

  it('refuses a code the provider issued to another application (audience)', async () => {
    // The attacker signs in to another application of the same directory and keeps its code.
    const attacker = new FetchBrowser();
    const verifier = 'v'.repeat(64);
    const authorize = new URL(`${idp.issuer}/auth`);
    authorize.search = new URLSearchParams({
      client_id: otherClientId,
      redirect_uri: otherRedirectUri,
      response_type: 'code',
      scope: 'openid email',
      state: 's'.repeat(20),
      nonce: 'n'.repeat(20),
      code_challenge_method: 'S256',
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    }).toString();
    const foreignCode = new URL(await throughProvider(attacker, authorize.href, 'eve', otherRedirectUri)).searchParams.get('code')!;
    expect(foreignCode).toBeTruthy();
    await expectCodeRefusedInVictimsSignIn(foreignCode);
  });

  it('refuses an answer claiming another issuer (RFC 9207 iss)', async () => {
    const browser = new FetchBrowser();
    const answer = new URL(await toCallback(browser, 'bruno'));
    expect(answer.searchParams.get('iss')).toBe(idp.issuer);
    answer.searchParams.set('iss', 'http://127.0.0.1:1/autre-fournisseur');
    expect((await callback(browser, answer.href)).location).toBe(refusedWith('sso_refused'));
  });

  it('refuses an ID token whose nonce is not the one sent', async () => {
    const browser = new FetchBrowser();
    const url = await toCallback(browser, 'bruno');
    server.deps.store.db.prepare("UPDATE oidc_logins SET nonce = 'another-nonce'").run();
    expect((await callback(browser, url)).location).toBe(refusedWith('sso_refused'));
  });

  it('never sends the browser off-site after sign-in, whatever return address is asked', async () => {
    for (const returnTo of ['//evil.example/', 'https://evil.example/', '/\\evil.example', '#/projets@evil.example', 'javascript:alert(1)']) {
      expect((await signIn('bruno', returnTo)).location).toBe(`${app}/#/projets`);
    }
    expect((await signIn('bruno', '#/projets/abc/assignations')).location).toBe(`${app}/#/projets/abc/assignations`);
  });

  it('keeps an account with the subject it was first matched to: the address moved to someone else is refused', async () => {
    idp.users.set('alice-bis', { sub: 'alice-bis', email: 'alice.martin@chu-test.fr', email_verified: true, name: 'Usurpatrice' });
    expect((await signIn('alice-bis')).location).toBe(refusedWith('sso_identity_conflict'));
    // The first subject still gets in after its e-mail changed at the provider.
    idp.users.set('alice', { sub: 'alice', email: 'alice.m@chu-test.fr', email_verified: true, name: 'Alice' });
    const { cookie } = await signIn('alice');
    expect((await server.api('GET', '/api/me', { cookie })).body.email).toBe('alice.martin@chu-test.fr');
  });

  it('an invited person who signs in through the directory answers the invitation: its link is void', async () => {
    const invited = await server.api('POST', '/api/users/invitations', { cookie: server.adminCookie, body: { email: 'denise@chu-test.fr', name: 'Denise' } });
    expect(invited.status).toBe(201);
    const token = invited.body.link.split('/').at(-1);
    expect((await server.api('POST', '/api/auth/link', { body: { token } })).status).toBe(200);
    idp.users.set('denise', { sub: 'denise', email: 'denise@chu-test.fr', email_verified: true, name: 'Denise D.' });
    const { cookie } = await signIn('denise');
    expect((await server.api('GET', '/api/me', { cookie })).body.id).toBe(invited.body.id);
    expect((await server.api('POST', '/api/auth/link', { body: { token } })).status).toBe(404);
  });

  it('refuses a deactivated account, even one already tied to its subject', async () => {
    const { cookie } = await signIn('bruno');
    const bruno = (await server.api('GET', '/api/me', { cookie })).body;
    server.deps.store.users.setDeactivated(bruno.id, bruno.id);
    try {
      const again = await signIn('bruno');
      expect(again.location).toBe(refusedWith('sso_account_disabled'));
      expect(again.cookie).toBeUndefined();
    } finally {
      server.deps.store.users.setDeactivated(bruno.id, null);
    }
  });

  it('logout ends the local session and returns the provider’s logout address', async () => {
    const { cookie } = await signIn('bruno');
    const res = await server.api('POST', '/api/auth/logout', { cookie });
    expect(res.status).toBe(200);
    const end = new URL(res.body.endSessionUrl);
    expect(`${end.origin}${end.pathname}`).toBe(`${idp.issuer}/session/end`);
    expect(end.searchParams.get('post_logout_redirect_uri')).toBe(`${app}/`);
    expect(end.searchParams.get('id_token_hint')).toBeTruthy();
    expect((await server.api('GET', '/api/me', { cookie })).status).toBe(401);
    // A password session has nothing to end at the provider.
    const password = await server.login('admin@test.fr', 'admin-password-1');
    expect((await server.api('POST', '/api/auth/logout', { cookie: password })).status).toBe(204);
  });
});

describe('password login off', () => {
  let off: Awaited<ReturnType<typeof startSsoServer>>;
  beforeAll(async () => {
    // The test server logs its admin in by password: allow it, then turn passwords off.
    off = await startSsoServer();
    off.server.deps.config.passwordLogin = false;
    off.idp.users.set('bruno', { sub: 'bruno', email: 'bruno@chu-test.fr', email_verified: true, name: 'Bruno' });
  });
  afterAll(async () => {
    await off.server.close();
    await off.idp.close();
  });

  it('answers 403 to a password login, says so to the login page, and still signs in through the directory', async () => {
    const res = await off.server.api('POST', '/api/auth/login', { body: { email: 'admin@test.fr', password: 'admin-password-1' } });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('password_login_disabled');
    expect(res.body.error.message).toMatch(/mot de passe est désactivée/);
    expect((await off.server.api('GET', '/api/auth/config')).body).toEqual({ sso: true, passwordLogin: false });
    // Nor can a password be set by link: it would be a way in around the directory.
    const token = 'a'.repeat(43);
    for (const [path, body] of [
      ['/api/auth/password/forgot', { email: 'admin@test.fr' }],
      ['/api/auth/password/reset', { token, password: 'un mot de passe solide 42' }],
      ['/api/auth/invitation/accept', { token, password: 'un mot de passe solide 42' }],
    ] as const) {
      expect((await off.server.api('POST', path, { body })).body.error?.code, path).toBe('password_login_disabled');
    }
    const browser = new FetchBrowser();
    const { cookie } = await callback(browser, await toCallback(browser, 'bruno', '#/projets', off.app));
    expect((await off.server.api('GET', '/api/me', { cookie })).body.email).toBe('bruno@chu-test.fr');
  });
});

describe('without SSO configured', () => {
  it('offers passwords only, and the SSO routes are not there', async () => {
    const plain = await startTestServer();
    try {
      expect((await plain.api('GET', '/api/auth/config')).body).toEqual({ sso: false, passwordLogin: true });
      for (const path of ['/api/auth/oidc/login', '/api/auth/oidc/callback?code=x&state=y']) {
        const res = await plain.api('GET', path);
        expect(res.status).toBe(404);
        expect(res.body.error.code).toBe('sso_off');
      }
    } finally {
      await plain.close();
    }
  });
});

describe('sign-in starts', () => {
  it('are limited per client address (each keeps a row for 10 minutes)', async () => {
    const limited = await startSsoServer({ loginAttemptsPerAddress: 2 });
    try {
      const start = (address: string) => fetch(`${limited.app}/api/auth/oidc/login`, { redirect: 'manual', headers: { 'x-forwarded-for': address } });
      for (let i = 0; i < 6; i++) expect((await start('10.9.0.1')).status).toBe(303);
      const refused = await start('10.9.0.1');
      expect(refused.status).toBe(429);
      expect((await refused.json()).error.code).toBe('too_many_attempts');
      expect((await start('10.9.0.2')).status).toBe(303);
    } finally {
      await limited.server.close();
      await limited.idp.close();
    }
  });
});

describe('a provider that is not the configured issuer', () => {
  it('is not trusted: its metadata name another issuer than PMP_OIDC_ISSUER', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const provider = await startOidcProvider(url);
    // Same server reached under another name: the metadata say 127.0.0.1, not localhost.
    const elsewhere = provider.issuer.replace('127.0.0.1', 'localhost');
    const s = await startTestServer({ port, publicUrl: url, oidc: oidcSettingsFor(elsewhere, url, provider.clientSecret) });
    try {
      const res = await new FetchBrowser().request(`${url}/api/auth/oidc/login`);
      expect(res.headers.get('location')).toBe(`${url}/?sso_error=sso_unavailable#/connexion`);
    } finally {
      await s.close();
      await provider.close();
    }
  });
});

describe('provider unreachable', () => {
  it('sends the browser back to the login page with a French message', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const s = await startTestServer({ port, publicUrl: url, oidc: oidcSettingsFor(`http://127.0.0.1:${await freePort()}`, url, 'x') });
    try {
      const res = await new FetchBrowser().request(`${url}/api/auth/oidc/login`);
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe(`${url}/?sso_error=sso_unavailable#/connexion`);
    } finally {
      await s.close();
    }
  });
});
