import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'puppeteer-core';
import { editorDist } from '../../server/http/app';
import { launchChromium } from '../helpers/browser';
import { adminEmail, adminPassword, startTestServer, type TestServer } from '../helpers/testServer';

/** A fresh install without the demo: the administrator sets up the GHT from the screens. */
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  if (!fs.existsSync(path.join(editorDist, 'index.html'))) throw new Error('editor/dist is missing: npm test builds it');
  server = await startTestServer();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const poll = { polling: 100, timeout: 15_000 } as const;

async function createOrganisation(page: Page, input: { kind: string; name: string; parent?: string; type?: string; support?: boolean }): Promise<void> {
  await page.goto(`${server.url}/#/administration`);
  await page.waitForSelector('#organisation-form');
  await page.select('#org-kind', input.kind);
  await page.type('#org-name', input.name);
  if (input.parent) await page.select('#org-parent', input.parent);
  if (input.type) await page.select('#org-type', input.type);
  if (input.support) await page.click('#org-support');
  await page.click('#org-submit');
  await page.waitForFunction((name) => document.querySelector('#organisation-title')?.textContent === name, poll, input.name);
}

/** Creates the regulatory instances proposed by default on the open organisation page; returns how many. */
async function createProposedInstances(page: Page): Promise<number> {
  await page.waitForSelector('.regulatory-form input[type="checkbox"]');
  const proposed = await page.$$eval('.regulatory-form input:checked:not(:disabled)', (boxes) => boxes.length);
  await page.click('.regulatory-submit');
  await page.waitForFunction(() => /instance\(s\) créée\(s\)/.test(document.querySelector('.regulatory-form [role="status"]')?.textContent ?? ''), poll);
  return proposed;
}

describe('administration screens (Chromium)', () => {
  it('an administrator creates a GHT, its support établissement and their instances, names a secretary, invites the PCME, who opens her account', async () => {
    const page = await (await browser.createBrowserContext()).newPage();
    await page.goto(`${server.url}/#/connexion`);
    await page.waitForSelector('#login-email');
    await page.type('#login-email', adminEmail);
    await page.type('#login-password', adminPassword);
    await page.click('#login-submit');
    await page.waitForSelector('#admin-link');
    await page.click('#admin-link');
    await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Administration', poll);
    // An empty install: the set-up says what is left, step by step.
    await page.waitForSelector('.setup [data-step="organisations"].setup-todo', poll);

    await createOrganisation(page, { kind: 'GHT', name: 'GHT Val-de-Seine' });
    const ghtInstances = await createProposedInstances(page);
    expect(ghtInstances).toBeGreaterThanOrEqual(4);

    const ght = (await server.api('GET', '/api/organisations', { cookie: server.adminCookie })).body.find(
      (o: { name: string }) => o.name === 'GHT Val-de-Seine',
    );
    await createOrganisation(page, { kind: 'etablissement', name: 'CH de Mantes', parent: ght.id, type: 'EPS', support: true });
    const chInstances = await createProposedInstances(page);
    expect(chInstances).toBeGreaterThanOrEqual(5);

    const organisations = (await server.api('GET', '/api/organisations', { cookie: server.adminCookie })).body as {
      id: string;
      name: string;
      parentId: string | null;
      isSupport: boolean;
      type: string;
    }[];
    const ch = organisations.find((o) => o.name === 'CH de Mantes')!;
    expect(ch).toMatchObject({ parentId: ght.id, isSupport: true, type: 'EPS' });
    const instances = (await server.api('GET', `/api/instances?organisationId=${ch.id}`, { cookie: server.adminCookie })).body as
      | { kind: string }[]
      | { instances: { kind: string }[] };
    const kinds = (Array.isArray(instances) ? instances : instances.instances).map((i) => i.kind);
    expect(kinds).toEqual(expect.arrayContaining(['CME', 'CSE', 'CSIRMT', 'DIRECTOIRE', 'CONSEIL_SURVEILLANCE']));
    // Where it stands, from the same page: FINESS géographique and membership date, audited.
    await page.type('#org-place-finess-geo', '780000428');
    await page.$eval('#org-place-since', (el) => ((el as HTMLInputElement).value = '2016-07-01'));
    await page.click('#org-place-submit');
    await page.waitForFunction(() => document.querySelector('#org-place-status')?.textContent === 'Rattachement enregistré.', poll);
    const placed = (
      (await server.api('GET', '/api/organisations', { cookie: server.adminCookie })).body as { id: string; finessGeographique: string; memberSince: string }[]
    ).find((o) => o.id === ch.id)!;
    expect(placed).toMatchObject({ finessGeographique: '780000428', memberSince: '2016-07-01' });
    // Run again, the instances show as created and nothing is proposed twice.
    await page.reload();
    await page.waitForSelector('.regulatory-form input[type="checkbox"]');
    expect(await page.$$eval('.regulatory-form input:checked:not(:disabled)', (boxes) => boxes.length)).toBe(0);

    // Every instance starts without a secretary, and the page says what that blocks; name one.
    await page.waitForFunction(() => /sans secrétaire/.test(document.querySelector('.secretaries-summary')?.textContent ?? ''), poll);
    const julie = await server.api('POST', '/api/users', {
      cookie: server.adminCookie,
      body: { email: 'julie.petit@ch-mantes.fr', name: 'Julie Petit', password: 'Secr3tariat-des-instances' },
    });
    await server.api('POST', `/api/organisations/${ch.id}/roles`, { cookie: server.adminCookie, body: { userId: julie.body.id, role: 'member' } });
    const cme = (Array.isArray(instances) ? instances : instances.instances) as unknown as { id: string; kind: string }[];
    const cmeId = cme.find((i) => i.kind === 'CME')!.id;
    await page.type(`[data-instance-id="${cmeId}"] input[type="search"]`, 'Petit');
    await page.waitForSelector(`[data-instance-id="${cmeId}"] .member-found button`);
    await page.click(`[data-instance-id="${cmeId}"] .member-found button`);
    await page.waitForFunction(
      (id) =>
        document.querySelector(`[data-instance-id="${id}"]`)?.textContent?.includes('Julie Petit') === true &&
        !document.querySelector(`[data-instance-id="${id}"] .warning`),
      poll,
      cmeId,
    );
    const listed = (await server.api('GET', `/api/instances?organisationId=${ch.id}`, { cookie: server.adminCookie })).body as {
      id: string;
      secretaries: { id: string }[];
    }[];
    expect(listed.find((i) => i.id === cmeId)!.secretaries.map((s) => s.id)).toContain(julie.body.id);

    // Invite the PCME from the same page: without SMTP the link is shown once, and it opens her account.
    await page.type('#invite-email', 'claire.martin@ch-mantes.fr');
    await page.type('#invite-name', 'Dr Claire Martin');
    await page.type('#invite-function', 'PCME');
    await page.select('#invite-role', 'member');
    await page.click('#invite-submit');
    await page.waitForSelector('.invitation-link', poll);
    const link = await page.$eval('.invitation-link', (el) => el.textContent ?? '');
    expect(link).toMatch(/#\/invitation\//);
    const claire = await (await browser.createBrowserContext()).newPage();
    await claire.goto(`${server.url}/${link.slice(link.indexOf('#'))}`);
    await claire.waitForSelector('#link-password');
    expect(await claire.$eval('.login-form', (el) => el.textContent ?? '')).toContain('claire.martin@ch-mantes.fr');
    await claire.type('#link-password', 'Tulipe-Orageuse-2031!');
    await claire.type('#link-password-again', 'Tulipe-Orageuse-2031!');
    await claire.click('#link-submit');
    await claire.waitForFunction(() => location.hash === '#/projets' && document.querySelector('.user-name')?.textContent?.includes('Dr Claire Martin'), poll);
    // Her own profile: function and password, from the name in the header.
    await claire.click('#profile-link');
    await claire.waitForSelector('#profile-function');
    await claire.type('#profile-function', 'Présidente de la CME');
    await claire.click('#profile-submit');
    await claire.waitForFunction(() => document.querySelector('#profile-status')?.textContent === 'Profil enregistré.', poll);
    await claire.type('#password-current', 'Tulipe-Orageuse-2031!');
    await claire.type('#password-new', 'Girafe-Brumeuse-2032?');
    await claire.click('#password-submit');
    await claire.waitForFunction(() => /Mot de passe changé/.test(document.querySelector('#password-status')?.textContent ?? ''), poll);
    expect((await server.api('POST', '/api/auth/login', { body: { email: 'claire.martin@ch-mantes.fr', password: 'Girafe-Brumeuse-2032?' } })).status).toBe(
      200,
    );
    const roles = (await server.api('GET', `/api/organisations/${ch.id}/roles`, { cookie: server.adminCookie })).body as { name: string; role: string }[];
    expect(roles).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Dr Claire Martin', role: 'member' })]));
    // An existing account gets a role from the same page, found by name.
    await page.bringToFront();
    await page.select('#grant-role', 'secretary');
    await page.type('#grant-search', 'Petit');
    await page.waitForSelector('#grant-found .member-found button', poll);
    await page.click('#grant-found .member-found button');
    await page.waitForFunction(
      () => [...document.querySelectorAll('.roles-list .role')].some((r) => /Julie Petit.*secrétariat des instances/.test(r.textContent ?? '')),
      poll,
    );
    // From the administration page: correct a function, deactivate an account (login refused), reactivate it.
    await page.goto(`${server.url}/#/administration`);
    await page.waitForSelector('#people-query');
    await page.type('#people-query', 'Petit');
    const julieRow = `.people-list .person[data-user-id="${julie.body.id}"]`;
    await page.waitForSelector(julieRow, poll);
    await page.click(`${julieRow} .person-edit-toggle`);
    await page.type(`${julieRow} .person-edit input[id^="personne-fonction"]`, 'Secrétaire de la CME');
    await page.click(`${julieRow} .person-edit button[type="submit"]`);
    await page.waitForFunction(() => /fiche enregistrée/.test(document.querySelector('#people-status')?.textContent ?? ''), poll);
    expect(server.deps.store.users.get(julie.body.id)!.function).toBe('Secrétaire de la CME');
    page.once('dialog', (dialog) => void dialog.accept());
    await page.waitForSelector(`${julieRow} .person-activation`, poll);
    await page.click(`${julieRow} .person-activation`);
    await page.waitForFunction(() => /désactivé\./.test(document.querySelector('#people-status')?.textContent ?? ''), poll);
    expect((await server.api('POST', '/api/auth/login', { body: { email: 'julie.petit@ch-mantes.fr', password: 'Secr3tariat-des-instances' } })).status).toBe(
      403,
    );
    await page.click('#people-inactive');
    await page.waitForFunction((row) => document.querySelector(`${row} .person-activation`)?.textContent === 'Réactiver', poll, julieRow);
    await page.click(`${julieRow} .person-activation`);
    await page.waitForFunction(() => /réactivé\./.test(document.querySelector('#people-status')?.textContent ?? ''), poll);
    expect((await server.api('POST', '/api/auth/login', { body: { email: 'julie.petit@ch-mantes.fr', password: 'Secr3tariat-des-instances' } })).status).toBe(
      200,
    );
    // The link is spent.
    const again = await (await browser.createBrowserContext()).newPage();
    await again.goto(`${server.url}/${link.slice(link.indexOf('#'))}`);
    await again.waitForFunction(() => /plus valable/.test(document.querySelector('#link-error')?.textContent ?? ''), poll);
  }, 90_000);
});
