import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, ElementHandle, Page } from 'puppeteer-core';
import { readOutline } from '../../schemas/docLayout';
import { sectionPlainText } from '../../schemas/sectionText';
import { indicatorRowMaps } from '../../schemas/structured';
import { editorDist } from '../../server/http/app';
import { clickWhenReady, launchChromium } from '../helpers/browser';
import { asFile, convertWithLibreOffice, fixturesDir } from '../helpers/importFixtures';
import { startTestServer, type TestServer } from '../helpers/testServer';

/**
 * Issue 22 in Chromium: a coordinator imports the Word document written by LibreOffice from the
 * HTML fixture, reads the report, sends one unmatched part to a chapter instead of « À classer »,
 * imports, and the chapters hold the text and the indicator rows; then undoes the import.
 */
let server: TestServer;
let browser: Browser;
let docxFile: string;
const coordinator = { email: 'pcmg@ght.test', password: 'Coordination-GHT-2027!', name: 'Dr Claire Martin', id: '' };
let projectId = '';

beforeAll(async () => {
  if (!fs.existsSync(path.join(editorDist, 'index.html'))) throw new Error('editor/dist is missing: npm test builds it');
  const docx = await convertWithLibreOffice(path.join(fixturesDir, 'libreoffice-source.html'), 'docx:MS Word 2007 XML');
  docxFile = asFile('Projet médical 2021.docx', docx);
  server = await startTestServer();
  const res = await server.api('POST', '/api/users', {
    cookie: server.adminCookie,
    body: { email: coordinator.email, name: coordinator.name, password: coordinator.password },
  });
  coordinator.id = res.body.id;
  const created = await server.api('POST', '/api/projects', { cookie: server.adminCookie, body: { kind: 'PMP', title: 'PMP importé 2026–2030' } });
  projectId = created.body.id;
  server.deps.store.projects.setMember(projectId, coordinator.id, 'coordinator');
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('import of a Word document (Chromium)', () => {
  let page: Page;

  it('shows the report and the proposed mapping, every line editable', async () => {
    const context = await browser.createBrowserContext();
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${server.url}/#/connexion`);
    await page.waitForSelector('#login-email');
    await page.type('#login-email', coordinator.email);
    await page.type('#login-password', coordinator.password);
    await page.click('#login-submit');
    await page.waitForFunction(() => location.hash === '#/projets', { polling: 100 });
    await page.goto(`${server.url}/#/projets/${projectId}`);
    await clickWhenReady(page, `a[href="#/projets/${projectId}/import"]`);
    const input = (await page.waitForSelector('#import-file')) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(docxFile);
    await page.click('.import-form button[type="submit"]');
    await page.waitForSelector('.import-mapping');
    const report = await page.$eval('.docimport-report', (el) => el.textContent ?? '');
    expect(report).toContain('Projet médical 2021.docx');
    expect(report).toContain('Liens retirés');
    expect(report).toContain('Cellules fusionnées séparées');
    expect(report).toContain('2 indicateurs');
    const targets = await page.$$eval('.import-mapping tbody tr', (rows) =>
      rows.map((row) => [row.querySelector('.import-heading')?.textContent, (row.querySelector('select.import-target') as HTMLSelectElement).value]),
    );
    expect(targets).toEqual(
      expect.arrayContaining([
        ['Chapitre 2 – OBJECTIFS MEDICAUX', 'objectifs-medicaux'],
        ['Suivi et évaluation du projet', 'suivi-evaluation'],
        ['Le mot du président de CME', '__a-classer'],
      ]),
    );
  }, 90_000);

  it('imports with one line changed by the user; the text and the indicator rows are in the project', async () => {
    // « Le mot du président » goes to the diagnostic chapter rather than « À classer ».
    const row = await page.$$eval('.import-mapping tbody tr', (rows) =>
      rows.findIndex((r) => r.querySelector('.import-heading')?.textContent === 'Le mot du président de CME'),
    );
    await page.select(`.import-mapping tbody tr:nth-child(${row + 1}) select.import-target`, 'diagnostic');
    const thanks = await page.$$eval('.import-mapping tbody tr', (rows) =>
      rows.findIndex((r) => r.querySelector('.import-heading')?.textContent === 'Remerciements'),
    );
    await page.select(`.import-mapping tbody tr:nth-child(${thanks + 1}) select.import-target`, '__ignorer');
    await clickWhenReady(page, '.import-mapping + .actions button');
    await page.waitForFunction(() => document.querySelector('.import-result')?.textContent?.includes('Import terminé'), { polling: 100 });
    const doc = server.deps.registry.get(projectId).doc;
    expect(sectionPlainText(doc, 'diagnostic')).toContain('Ce projet a été écrit par les équipes');
    expect(sectionPlainText(doc, 'objectifs-medicaux')).toContain('Action B2');
    expect(indicatorRowMaps(doc, 'suivi-evaluation')).toHaveLength(2);
    // Nothing went to « À classer », so no such section was created.
    expect(readOutline(doc).some((s) => s.title === 'À classer')).toBe(false);
  }, 60_000);

  it('undoes the import as one change', async () => {
    await clickWhenReady(page, '.import-result .actions .button-secondary');
    await page.waitForFunction(() => document.querySelector('.import-result')?.textContent?.includes('Import annulé'), { polling: 100 });
    const doc = server.deps.registry.get(projectId).doc;
    expect(sectionPlainText(doc, 'diagnostic')).toBe('');
    expect(indicatorRowMaps(doc, 'suivi-evaluation')).toHaveLength(0);
  }, 30_000);
});
