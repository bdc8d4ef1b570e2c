import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'puppeteer-core';
import { readOutline } from '../../schemas/docLayout';
import { editorDist } from '../../server/http/app';
import { clickWhenReady, launchChromium } from '../helpers/browser';
import { startTestServer, type TestServer } from '../helpers/testServer';

/**
 * Issue 17 in Chromium: a PCME creates a CHU's PM with an optional chapter from the form, then
 * marks the pôles annex "sans objet" with why; the completeness panel stops asking for it.
 */
let server: TestServer;
let browser: Browser;
const pcme = { email: 'pcme@chu.test', password: 'Hôpital-Val-Haut-2027!', name: 'Pr Anne Durand', id: '' };
let chu: string;

beforeAll(async () => {
  if (!fs.existsSync(path.join(editorDist, 'index.html'))) throw new Error('editor/dist is missing: npm test builds it');
  server = await startTestServer();
  chu = server.deps.store.organisations.create({ name: 'CHU de Val-Haut', kind: 'etablissement', type: 'CHU' });
  const res = await server.api('POST', '/api/users', { cookie: server.adminCookie, body: { email: pcme.email, name: pcme.name, password: pcme.password } });
  if (res.status !== 201) throw new Error(`user: ${res.status} ${JSON.stringify(res.body)}`);
  pcme.id = res.body.id;
  server.deps.store.organisations.grantRole(chu, pcme.id, 'member');
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a CHU’s PM (Chromium)', () => {
  let page: Page;
  let projectId = '';

  it('is created with an optional chapter picked in the form', async () => {
    const context = await browser.createBrowserContext();
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${server.url}/#/connexion`);
    await page.waitForSelector('#login-email');
    await page.type('#login-email', pcme.email);
    await page.type('#login-password', pcme.password);
    await page.click('#login-submit');
    await clickWhenReady(page, '#new-project-toggle');
    await page.waitForSelector('#new-project-kind');
    await page.select('#new-project-kind', 'PM');
    await clickWhenReady(page, '#new-project-chapter-sante-numerique');
    await page.type('#new-project-title', 'Projet médical du CHU 2027–2031');
    await page.waitForFunction(() => !(document.querySelector('#new-project-organisation')?.closest('.form-field') as HTMLElement | null)?.hidden, {
      polling: 100,
    });
    await page.select('#new-project-organisation', chu);
    await page.click('#new-project-submit');
    await page.waitForFunction(() => /#\/projets\/[^/]+/.test(location.hash), { polling: 100 });
    projectId = (await page.evaluate(() => location.hash)).split('/')[2]!;
    await page.waitForSelector('[data-section-id="sante-numerique"]');
    const outline = readOutline(server.deps.registry.get(projectId).doc);
    expect(outline.find((s) => s.id === 'sante-numerique')).toMatchObject({ mandatory: false });
  }, 90_000);

  it('the coordinator marks the pôles annex "sans objet" with why; the completeness panel stops asking for it', async () => {
    await clickWhenReady(page, '[data-section-id="annexe-poles"]');
    await page.waitForFunction(() => document.querySelector('#connection-status')?.getAttribute('data-state') === 'connected', { polling: 100 });
    await page.waitForSelector('#completeness a[data-item-path="sections/annexe-poles"]');
    await clickWhenReady(page, '.not-applicable summary');
    await page.type('.not-applicable-form textarea', 'Le CHU n’est plus organisé en pôles depuis 2022 : départements médicaux (L6146-1).');
    await page.click('.not-applicable-form button[type="submit"]');
    await page.waitForFunction(() => document.querySelector('.not-applicable-note')?.textContent?.includes('départements médicaux'), { polling: 100 });
    await page.waitForFunction(() => !document.querySelector('#completeness a[data-item-path="sections/annexe-poles"]'), { polling: 100 });
    const report = await server.api('GET', `/api/projects/${projectId}/completeness`, { cookie: server.adminCookie });
    expect(report.body.items.map((i: { sectionId: string }) => i.sectionId)).not.toContain('annexe-poles');
  }, 60_000);
});
