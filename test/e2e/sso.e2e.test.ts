import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'puppeteer-core';
import { sectionPlainText } from '../../schemas/sectionText';
import { editorDist } from '../../server/http/app';
import { clickWhenReady, launchChromium } from '../helpers/browser';
import { freePort, oidcSettingsFor, startOidcProvider, type TestOidcProvider } from '../helpers/oidcProvider';
import { startTestServer, type TestServer } from '../helpers/testServer';

// Issue 18, item 6, in Chromium: sign in through the in-process OpenID provider's own sign-in
// and consent pages, land in the app and write; log out of both. The browser resolves no host
// but 127.0.0.1 (the provider's dev pages ask for a web font): nothing leaves the machine.
let idp: TestOidcProvider;
let server: TestServer;
let browser: Browser;
let app: string;
let projectId: string;
let aliceId: string;

beforeAll(async () => {
  if (!fs.existsSync(path.join(editorDist, 'index.html'))) throw new Error('editor/dist is missing: npm test builds it');
  const port = await freePort();
  app = `http://127.0.0.1:${port}`;
  idp = await startOidcProvider(app, [{ sub: 'alice', email: 'alice.martin@chu-test.fr', email_verified: true, name: 'Alice Martin' }]);
  server = await startTestServer({
    port,
    publicUrl: app,
    oidc: oidcSettingsFor(idp.issuer, app, idp.clientSecret),
  });
  // Alice was invited (an account with her address); the project is shared with her.
  const alice = await server.api('POST', '/api/users', {
    cookie: server.adminCookie,
    body: { email: 'alice.martin@chu-test.fr', name: 'Alice Martin', password: 'un mot de passe solide 42' },
  });
  aliceId = alice.body.id;
  projectId = (await server.api('POST', '/api/projects', { cookie: server.adminCookie, body: { kind: 'PM', title: 'Projet médical partagé' } })).body.id;
  await server.api('PUT', `/api/projects/${projectId}/members/${aliceId}`, { cookie: server.adminCookie, body: { role: 'editor' } });
  browser = await launchChromium(['--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1']);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await idp?.close();
});

/** From the app's login page, through the provider's sign-in and consent pages, back to the app. */
async function signInThroughDirectory(page: Page, login: string): Promise<void> {
  await page.goto(`${app}/#/connexion`);
  await page.waitForSelector('#login-sso');
  expect(await page.$eval('#login-sso', (a) => a.textContent)).toBe('Se connecter avec l’annuaire de l’établissement');
  await Promise.all([page.waitForNavigation(), page.click('#login-sso')]);
  expect(page.url().startsWith(`${idp.issuer}/interaction/`)).toBe(true);
  await page.type('input[name="login"]', login);
  await page.type('input[name="password"]', 'any password');
  await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
  // The consent page: the app asks for the e-mail and the name.
  expect(page.url().startsWith(`${idp.issuer}/interaction/`)).toBe(true);
  await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
}

describe('single sign-on in Chromium', () => {
  it('signs in through the provider’s pages, lands in the app and writes; logs out of both', async () => {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await signInThroughDirectory(page, 'alice');
    await page.waitForFunction((url) => location.href.startsWith(url), {}, `${app}/#/projets`);
    await page.waitForSelector(`a[data-project-id="${projectId}"]`);
    expect(await page.$eval('.user-name', (el) => el.textContent)).toContain('Alice Martin');

    await clickWhenReady(page, `a[data-project-id="${projectId}"]`);
    await clickWhenReady(page, '[data-section-id="objectifs-medicaux"]');
    await page.waitForSelector('.ProseMirror[contenteditable="true"]');
    await page.waitForFunction(() => document.querySelector('#connection-status')?.getAttribute('data-state') === 'connected', { polling: 100 });
    await page.click('.ProseMirror');
    await page.keyboard.type('Écrit après une connexion par l’annuaire.', { delay: 5 });
    await expect
      .poll(() => sectionPlainText(server.deps.registry.get(projectId).doc, 'objectifs-medicaux'), { timeout: 10_000 })
      .toContain('Écrit après une connexion par l’annuaire.');

    // Logout ends the app's session, then the provider's (its confirmation page), and comes back.
    await Promise.all([page.waitForRequest((req) => req.isNavigationRequest() && req.url().startsWith(`${idp.issuer}/session/end`)), page.click('#logout')]);
    await page.waitForSelector('button[name="logout"]');
    expect(page.url().startsWith(`${idp.issuer}/session/end`)).toBe(true);
    await Promise.all([page.waitForNavigation(), page.click('button[name="logout"]')]);
    await page.waitForFunction((url) => location.href.startsWith(url), {}, `${app}/`);
    await page.waitForSelector('#login-sso');
    // The provider forgot Alice too: signing in again asks for her login.
    await Promise.all([page.waitForNavigation(), page.click('#login-sso')]);
    await page.waitForSelector('input[name="login"]');
    await context.close();
  });

  it('a deactivated user’s open editor is disconnected at once, and the directory lets them in no more', async () => {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await signInThroughDirectory(page, 'alice');
    await clickWhenReady(page, `a[data-project-id="${projectId}"]`);
    await clickWhenReady(page, '[data-section-id="objectifs-medicaux"]');
    await page.waitForSelector('.ProseMirror[contenteditable="true"]');
    await page.waitForFunction(() => document.querySelector('#connection-status')?.getAttribute('data-state') === 'connected', { polling: 100 });

    expect((await server.api('POST', `/api/users/${aliceId}/deactivate`, { cookie: server.adminCookie })).status).toBe(204);
    // Told at once, without reloading: the socket was closed as forbidden, and stays closed.
    await page.waitForFunction(
      () => {
        const alert = document.querySelector<HTMLElement>('.collab-alert');
        return alert !== null && !alert.hidden && (alert.textContent ?? '').includes('plus) accès');
      },
      { polling: 100, timeout: 10_000 },
    );
    await page.waitForFunction(() => document.querySelector('#connection-status')?.getAttribute('data-state') !== 'connected', { polling: 100 });

    // Signing in through the directory again (its session still open: no pages to pass) is refused, in French.
    const again = await context.newPage();
    await again.goto(`${app}/#/connexion`);
    await again.waitForSelector('#login-sso');
    await again.click('#login-sso');
    await again.waitForFunction(() => document.querySelector('#login-error')?.textContent?.includes('Ce compte est désactivé'), { polling: 100 });
    expect((await server.api('POST', `/api/users/${aliceId}/reactivate`, { cookie: server.adminCookie })).status).toBe(204);
    await context.close();
  }, 60_000);

  it('shows the refusal in French on the login page', async () => {
    idp.users.set('eve', { sub: 'eve', email: 'eve@ailleurs.example', email_verified: true, name: 'Ève' });
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await signInThroughDirectory(page, 'eve');
    await page.waitForSelector('#login-error');
    await page.waitForFunction(() => document.querySelector('#login-error')?.textContent?.includes('domaine n’est pas autorisé'), { polling: 100 });
    // The code is read once and leaves the address bar.
    expect(page.url()).toBe(`${app}/#/connexion`);
    await context.close();
  });

  it('shows only the directory when password login is off', async () => {
    server.deps.config.passwordLogin = false;
    try {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      await page.goto(`${app}/#/connexion`);
      await page.waitForSelector('#login-sso');
      expect(await page.$('#login-email')).toBeNull();
      await context.close();
    } finally {
      server.deps.config.passwordLogin = true;
    }
  });
});
