import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'puppeteer-core';
import { editorDist } from '../../server/http/app';
import { matrixKey } from '../../schemas/structured';
import { modalities } from '../../schemas/modalities';
import { clickWhenReady, launchChromium } from '../helpers/browser';
import { startTestServer, type TestServer } from '../helpers/testServer';

/**
 * Issue 3 in Chromium: the PMP's filières, their matrix of modalities × établissements written
 * by two people at once, the live "Ce qui manque" panel, a reader's read-only view, the section
 * status, the creation form and the "Qui doit quoi, pour quand" dashboard.
 */
let server: TestServer;
let browser: Browser;
let projectId: string;
let ghtId: string;
const etablissements: { id: string; name: string }[] = [];
const people = {
  pcmg: { name: 'Dr Hélène Garnier', email: 'garnier@e2e.fr', password: 'password-of-Helene', id: '' },
  author: { name: 'Marc Leroy', email: 'leroy@e2e.fr', password: 'password-of-Marc', id: '' },
  reader: { name: 'Inès Roche', email: 'roche@e2e.fr', password: 'password-of-Ines', id: '' },
};
type Person = (typeof people)[keyof typeof people];
const section = 'filieres';

beforeAll(async () => {
  if (!fs.existsSync(path.join(editorDist, 'index.html'))) throw new Error('editor/dist is missing: npm test builds it');
  server = await startTestServer();
  const orgs = server.deps.store.organisations;
  ghtId = orgs.create({ name: 'GHT Essonne Sud', kind: 'GHT' });
  for (const name of ['CH Sud-Francilien', 'CH d’Arpajon']) {
    etablissements.push({ id: orgs.create({ name, kind: 'etablissement', parentId: ghtId, isSupport: etablissements.length === 0 }), name });
  }
  for (const person of Object.values(people)) {
    const res = await server.api('POST', '/api/users', {
      cookie: server.adminCookie,
      body: { email: person.email, name: person.name, password: person.password },
    });
    person.id = res.body.id;
  }
  orgs.grantRole(ghtId, people.pcmg.id, 'member');
  const pcmg = await server.login(people.pcmg.email, people.pcmg.password);
  const created = await server.api('POST', '/api/projects', { cookie: pcmg, body: { kind: 'PMP', title: 'PMP du GHT 2026–2030', organisationId: ghtId } });
  projectId = created.body.id;
  await server.api('PUT', `/api/projects/${projectId}/members/${people.author.id}`, { cookie: pcmg, body: { role: 'editor' } });
  await server.api('PUT', `/api/projects/${projectId}/members/${people.reader.id}`, { cookie: pcmg, body: { role: 'reader' } });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function logIn(person: Person): Promise<Page> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(`${server.url}/#/connexion`);
  await page.waitForSelector('#login-email');
  await page.type('#login-email', person.email);
  await page.type('#login-password', person.password);
  await page.click('#login-submit');
  await page.waitForSelector('#new-project-toggle');
  return page;
}

/** Logs in through the UI and opens the PMP's "filières" section. */
async function openSection(person: Person, editable = true): Promise<Page> {
  const page = await logIn(person);
  await clickWhenReady(page, `a[data-project-id="${projectId}"]`);
  await clickWhenReady(page, `[data-section-id="${section}"]`);
  await page.waitForSelector(`.ProseMirror[contenteditable="${editable}"]`);
  await page.waitForSelector('.block-filieres');
  await page.waitForFunction(() => document.querySelector('#connection-status')?.getAttribute('data-state') === 'connected', { polling: 100 });
  return page;
}

const cellSelector = (modalityId: string, etablissementId: string) => `textarea[data-cell="${matrixKey(modalityId, etablissementId)}"]`;

async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  await page.bringToFront();
  await page.click(selector);
  await page.keyboard.type(text, { delay: 2 });
}

const missingCount = (page: Page) => page.$eval('#completeness', (el) => Number((el as HTMLElement).dataset.count ?? 'NaN'));
const allCells = (page: Page) =>
  page.$$eval('.filiere-card textarea[data-cell]', (cells) =>
    cells.map((c) => `${(c as HTMLTextAreaElement).dataset.cell}=${(c as HTMLTextAreaElement).value}`),
  );

describe('structured blocks of the PMP (Chromium)', () => {
  let pcmg: Page;
  let author: Page;
  let filiereId = '';

  it('two people fill one filière’s matrix together and both converge', async () => {
    pcmg = await openSection(people.pcmg);
    author = await openSection(people.author);
    await pcmg.waitForFunction(() => document.querySelector('#completeness')?.hasAttribute('data-count'), { polling: 100 });

    // The PCMG adds a filière: focus goes to its name.
    await pcmg.bringToFront();
    await pcmg.click('.block-filieres .block-actions button');
    await pcmg.waitForSelector('.filiere-card');
    expect(
      await pcmg.evaluate(() => document.activeElement?.closest('.filiere-card') !== null && (document.activeElement as HTMLInputElement).type === 'text'),
    ).toBe(true);
    await pcmg.keyboard.type('Cardiologie', { delay: 2 });
    filiereId = await pcmg.$eval('.filiere-card', (el) => (el as HTMLElement).dataset.recordId!);
    // The matrix declines the eight modalities over the GHT's établissements.
    expect(await pcmg.$$eval('.filiere-card .matrix-table thead th', (ths) => ths.map((t) => t.textContent))).toEqual([
      'Modalité',
      ...etablissements.map((e) => e.name),
    ]);
    expect(await pcmg.$$eval('.filiere-card .matrix-table tbody tr', (trs) => trs.length)).toBe(8);
    const [first, second] = etablissements;
    expect(await pcmg.$eval(cellSelector('permanence-continuite', first!.id), (c) => c.getAttribute('aria-label'))).toBe(
      `Filière Cardiologie — a) Permanence des soins — établissement ${first!.name}`,
    );
    await typeInto(pcmg, cellSelector('permanence-continuite', first!.id), 'Astreinte de cardiologie interventionnelle H24');

    // The author sees the filière and the cell, then fills the other établissement's column.
    await author.waitForFunction(
      (sel) => (document.querySelector(sel) as HTMLTextAreaElement | null)?.value === 'Astreinte de cardiologie interventionnelle H24',
      { polling: 100 },
      cellSelector('permanence-continuite', first!.id),
    );
    expect(await author.$eval('.filiere-card h4', (el) => el.textContent)).toBe('Filière : Cardiologie');
    const before = await missingCount(pcmg);
    for (const modality of modalities) await typeInto(author, cellSelector(modality.id, second!.id), `Déclinaison ${modality.letter} à Arpajon`);

    // Meanwhile the PCMG writes another cell of the same matrix.
    await typeInto(pcmg, cellSelector('consultations-externes', first!.id), 'Consultations avancées à Arpajon');
    await pcmg.waitForFunction(
      (sel) => (document.querySelector(sel) as HTMLTextAreaElement | null)?.value === 'Déclinaison h à Arpajon',
      { polling: 100 },
      cellSelector('medico-social', second!.id),
    );
    await author.waitForFunction(
      (sel) => (document.querySelector(sel) as HTMLTextAreaElement | null)?.value === 'Consultations avancées à Arpajon',
      { polling: 100 },
      cellSelector('consultations-externes', first!.id),
    );
    expect(await allCells(pcmg)).toEqual(await allCells(author));

    // "Ce qui manque" follows: Arpajon's column is complete, one item fewer.
    await pcmg.waitForFunction(
      (n) => Number((document.querySelector('#completeness') as HTMLElement).dataset.count) === n - 1,
      { polling: 100, timeout: 10_000 },
      before,
    );
    const items = await pcmg.$$eval('#completeness a[data-item-path]', (links) => links.map((a) => a.getAttribute('data-item-path')));
    expect(items).toContain(`sections/${section}/filieres/${filiereId}/${first!.id}`);
    expect(items).not.toContain(`sections/${section}/filieres/${filiereId}/${second!.id}`);
    expect(await pcmg.$eval('#completeness .completeness-count', (el) => el.getAttribute('aria-live'))).toBe('polite');
  }, 120_000);

  it('clicking an item focuses what it is about, in this section or another', async () => {
    const [first] = etablissements;
    await pcmg.bringToFront();
    await pcmg.click(`#completeness a[data-item-path="sections/${section}/filieres/${filiereId}/${first!.id}"]`);
    // a) and b) are written: the first empty cell of the column is c).
    await pcmg.waitForFunction(
      (cell) => (document.activeElement as HTMLElement | null)?.dataset.cell === cell,
      { polling: 100 },
      matrixKey('ambulatoire-hospitalisation', first!.id),
    );

    const otherItem = await pcmg.$$eval(
      '#completeness a[data-item-path]',
      (links, current) => links.map((a) => a.getAttribute('data-item-path')!).find((p) => /^sections\/[^/]+$/.test(p) && p !== `sections/${current}`),
      section,
    );
    expect(otherItem).toBeTruthy();
    await pcmg.click(`#completeness a[data-item-path="${otherItem}"]`);
    await pcmg.waitForFunction(
      (p) => document.activeElement?.getAttribute('data-path') === p && document.activeElement?.classList.contains('ProseMirror'),
      { polling: 100 },
      otherItem,
    );
    expect(await pcmg.evaluate(() => location.hash)).toBe(`#/projets/${projectId}/sections/${otherItem!.split('/')[1]}`);
    await clickWhenReady(pcmg, `[data-section-id="${section}"]`);
    await pcmg.waitForSelector('.block-filieres .filiere-card');
  }, 60_000);

  it('an author sets the section status; everyone’s chapter tree shows it', async () => {
    await author.bringToFront();
    await author.select('.section-meta select', 'en_cours');
    await pcmg.waitForFunction(
      (id) => document.querySelector(`[data-section-id="${id}"] .status-badge`)?.textContent === 'en cours',
      { polling: 100 },
      section,
    );
    await pcmg.waitForFunction(() => (document.querySelector('.section-meta select') as HTMLSelectElement | null)?.value === 'en_cours', { polling: 100 });
  }, 30_000);

  it('a coordinator locks the section: the author’s blocks turn read-only, then writable again', async () => {
    await pcmg.bringToFront();
    await pcmg.click('.section-manage summary');
    await pcmg.waitForFunction(() => [...document.querySelectorAll('.section-manage button')].some((b) => b.textContent === 'Verrouiller la section'), {
      polling: 100,
    });
    await pcmg.$$eval('.section-manage button', (buttons) => buttons.find((b) => b.textContent === 'Verrouiller la section')!.click());
    await author.waitForFunction(() => !(document.querySelector('.readonly-banner') as HTMLElement).hidden, { polling: 100 });
    await author.waitForSelector('.ProseMirror[contenteditable="false"]');
    expect(await author.$$eval('.blocks-host button', (buttons) => buttons.length)).toBe(0);
    expect(await author.$$eval('.blocks-host textarea', (els) => els.every((el) => (el as HTMLTextAreaElement).readOnly))).toBe(true);
    expect(await author.$('.section-meta select')).toBeNull();
    await author.waitForFunction((id) => document.querySelector(`[data-section-id="${id}"] .locked-badge`) !== null, { polling: 100 }, section);
    // The coordinator still writes in it.
    expect(await pcmg.$$eval('.blocks-host textarea', (els) => els.every((el) => !(el as HTMLTextAreaElement).readOnly))).toBe(true);
    await pcmg.$$eval('.section-manage button', (buttons) => buttons.find((b) => b.textContent === 'Déverrouiller la section')!.click());
    await author.waitForSelector('.ProseMirror[contenteditable="true"]');
    await author.waitForSelector('.block-filieres .block-actions button');
    await pcmg.click('.section-manage summary');
  }, 60_000);

  it('a reader sees the blocks but cannot change them', async () => {
    const reader = await openSection(people.reader, false);
    const [first] = etablissements;
    await reader.waitForFunction(
      (sel) => (document.querySelector(sel) as HTMLTextAreaElement | null)?.value === 'Astreinte de cardiologie interventionnelle H24',
      { polling: 100 },
      cellSelector('permanence-continuite', first!.id),
    );
    expect(await reader.$$eval('.blocks-host button', (buttons) => buttons.length)).toBe(0);
    expect(
      await reader.$$eval(
        '.blocks-host input, .blocks-host textarea, .blocks-host select',
        (els) => els.filter((el) => !(el as HTMLInputElement).readOnly && !(el as HTMLInputElement).disabled).length,
      ),
    ).toBe(0);
    expect(await reader.$('.section-meta select')).toBeNull();
    await reader.click(cellSelector('permanence-continuite', first!.id));
    await reader.keyboard.type(' modifié');
    expect(await reader.$eval(cellSelector('permanence-continuite', first!.id), (c) => (c as HTMLTextAreaElement).value)).toBe(
      'Astreinte de cardiologie interventionnelle H24',
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await pcmg.$eval(cellSelector('permanence-continuite', first!.id), (c) => (c as HTMLTextAreaElement).value)).toBe(
      'Astreinte de cardiologie interventionnelle H24',
    );
    await reader.browserContext().close();
  }, 60_000);

  it('the coordinator assigns the section with a due date; the dashboard says who owes what, overdue in words', async () => {
    await pcmg.bringToFront();
    await pcmg.click('.section-manage summary');
    const box = `.section-manage input[type="checkbox"][value="${people.author.id}"]`;
    await pcmg.waitForSelector(box);
    await pcmg.click(box);
    await pcmg.$eval('.section-manage input[type="date"]', (el) => {
      (el as HTMLInputElement).value = '2020-01-31';
      el.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await author.waitForFunction(() => document.querySelector('.section-assignment')?.textContent?.includes('31/01/2020'), { polling: 100 });
    expect(await author.$eval('.section-assignment', (el) => el.textContent)).toContain('Marc Leroy');

    await clickWhenReady(pcmg, `a[href="#/projets/${projectId}/suivi"]`);
    await pcmg.waitForSelector(`.assignment-group[data-person-id="${people.author.id}"]`);
    const row = await pcmg.$eval(`.assignment-group[data-person-id="${people.author.id}"] tr[data-section-id="${section}"]`, (tr) => tr.textContent);
    expect(row).toContain('31/01/2020');
    expect(row).toContain('en retard');
    expect(row).toContain('en cours');
    expect(await pcmg.$$eval('.assignment-group', (groups) => groups.at(-1)?.querySelector('h2')?.textContent)).toBe('Sections non attribuées');
  }, 60_000);

  it('a project is created from the project list, with its organisation and five-year period', async () => {
    await pcmg.goto(`${server.url}/#/projets`);
    await clickWhenReady(pcmg, '#new-project-toggle');
    await pcmg.waitForFunction(
      () =>
        document.querySelectorAll('#new-project-kind option').length === 5 &&
        !(document.querySelector('#new-project-organisation')?.closest('.form-field') as HTMLElement).hidden,
      { polling: 100 },
    );
    expect(await pcmg.$eval('#new-project-kind option[value="PM"]', (o) => o.textContent)).toBe('Projet médical d’établissement (PM)');
    await pcmg.select('#new-project-kind', 'PMP');
    await pcmg.type('#new-project-title', 'Projet médical partagé 2027–2031');
    await pcmg.select('#new-project-organisation', ghtId);
    await pcmg.$eval('#new-project-start', (el) => ((el as HTMLInputElement).value = ''));
    await pcmg.type('#new-project-start', '2027');
    expect(await pcmg.$eval('#new-project-start-aide', (el) => el.textContent)).toContain('2027–2031');
    await pcmg.click('#new-project-submit');
    await pcmg.waitForFunction(() => document.querySelector('#project-title')?.textContent === 'Projet médical partagé 2027–2031', { polling: 100 });
    await clickWhenReady(pcmg, `[data-section-id="${section}"]`);
    await clickWhenReady(pcmg, '.block-filieres .block-actions button');
    await pcmg.waitForSelector('.filiere-card .matrix-table');
    expect(await pcmg.$$eval('.filiere-card .matrix-table thead th', (ths) => ths.length)).toBe(1 + etablissements.length);
    const created = server.deps.store.projects.list().find((p) => p.title === 'Projet médical partagé 2027–2031');
    expect(created?.period).toEqual({ startYear: 2027, endYear: 2031 });
    expect(created?.organisationId).toBe(ghtId);
  }, 60_000);
});
