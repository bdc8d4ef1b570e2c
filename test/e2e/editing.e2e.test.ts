import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matrixKey } from '../../schemas/structured';
import { editorDist } from '../../server/http/app';
import { clickWhenReady, launchChromium } from '../helpers/browser';
import { startTestServer, type TestServer } from '../helpers/testServer';

/**
 * Issue 20 in Chromium, editing findings: two people typing in one matrix cell keep every
 * keystroke (1); undo and redo over text and structured records, a removed filière included (3);
 * the toolbar's underline, strikethrough, quote and heading 4, the word count and the print
 * stylesheet (10).
 */
let server: TestServer;
let browser: Browser;
let projectId: string;
let etablissementId: string;
let pcmgCookie: string;
const people = {
  pcmg: { name: 'Dr Hélène Garnier', email: 'garnier@edit.fr', password: 'password-of-Helene', id: '' },
  author: { name: 'Marc Leroy', email: 'leroy@edit.fr', password: 'password-of-Marc', id: '' },
};
type Person = (typeof people)[keyof typeof people];

beforeAll(async () => {
  if (!fs.existsSync(path.join(editorDist, 'index.html'))) throw new Error('editor/dist is missing: npm test builds it');
  server = await startTestServer();
  const orgs = server.deps.store.organisations;
  const ghtId = orgs.create({ name: 'GHT Essonne Sud', kind: 'GHT' });
  etablissementId = orgs.create({ name: 'CH Sud-Francilien', kind: 'etablissement', parentId: ghtId, isSupport: true });
  for (const person of Object.values(people)) {
    const res = await server.api('POST', '/api/users', {
      cookie: server.adminCookie,
      body: { email: person.email, name: person.name, password: person.password },
    });
    person.id = res.body.id;
  }
  orgs.grantRole(ghtId, people.pcmg.id, 'member');
  const pcmg = await server.login(people.pcmg.email, people.pcmg.password);
  pcmgCookie = pcmg;
  projectId = (await server.api('POST', '/api/projects', { cookie: pcmg, body: { kind: 'PMP', title: 'PMP 2026–2030', organisationId: ghtId } })).body.id;
  await server.api('PUT', `/api/projects/${projectId}/members/${people.author.id}`, { cookie: pcmg, body: { role: 'editor' } });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openSection(person: Person, section: string): Promise<Page> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('dialog', (dialog) => void dialog.accept());
  await page.goto(`${server.url}/#/connexion`);
  await page.waitForSelector('#login-email');
  await page.type('#login-email', person.email);
  await page.type('#login-password', person.password);
  await page.click('#login-submit');
  await page.waitForSelector('#new-project-toggle');
  await clickWhenReady(page, `a[data-project-id="${projectId}"]`);
  await clickWhenReady(page, `[data-section-id="${section}"]`);
  await page.waitForSelector('.ProseMirror[contenteditable="true"]');
  await page.waitForFunction(() => document.querySelector('#connection-status')?.getAttribute('data-state') === 'connected', { polling: 100 });
  return page;
}

const cell = () => `textarea[data-cell="${matrixKey('permanence-continuite', etablissementId)}"]`;
const valueOf = (page: Page, selector: string) => page.$eval(selector, (el) => (el as HTMLTextAreaElement).value);
const tool = (page: Page, label: string) => `.toolbar button[aria-label="${label}"]`;

describe('editing together (Chromium)', () => {
  let pcmg: Page;
  let author: Page;

  it('two people typing in one matrix cell at once both keep every keystroke', async () => {
    pcmg = await openSection(people.pcmg, 'filieres');
    author = await openSection(people.author, 'filieres');
    await pcmg.bringToFront();
    await pcmg.click('.block-filieres .block-actions button');
    await pcmg.waitForSelector(cell());
    await author.waitForSelector(cell());
    const typedA = 'abcdefghijklmnopqrstuvwxyz';
    const typedB = '0123456789ABCDEFGHIJKLMNOP';
    await pcmg.focus(cell());
    await author.focus(cell());
    // Keystrokes of both, interleaved, without waiting for the other's to arrive.
    await Promise.all([
      (async () => {
        for (const ch of typedA) await pcmg.keyboard.type(ch);
      })(),
      (async () => {
        for (const ch of typedB) await author.keyboard.type(ch);
      })(),
    ]);
    for (const page of [pcmg, author]) {
      await page.waitForFunction(
        (sel, n) => (document.querySelector(sel) as HTMLTextAreaElement).value.length === n,
        { polling: 100 },
        cell(),
        typedA.length + typedB.length,
      );
    }
    const merged = await valueOf(pcmg, cell());
    expect(await valueOf(author, cell())).toBe(merged);
    const only = (text: string, alphabet: string) => [...text].filter((ch) => alphabet.includes(ch)).join('');
    expect(only(merged, typedA)).toBe(typedA);
    expect(only(merged, typedB)).toBe(typedB);
  }, 120_000);

  it('undoes and redoes one’s own typing in a cell and the removal of a filière, from the toolbar and with Ctrl+Z', async () => {
    await author.close();
    await pcmg.bringToFront();
    const before = await valueOf(pcmg, cell());
    await pcmg.focus(cell());
    await pcmg.$eval(cell(), (el) => (el as HTMLTextAreaElement).setSelectionRange(1e6, 1e6));
    // Keystrokes less than half a second apart are one step of the history, as in a word processor.
    await new Promise((r) => setTimeout(r, 600));
    await pcmg.keyboard.type(' fin');
    expect(await valueOf(pcmg, cell())).toBe(`${before} fin`);
    // Ctrl+Z in the cell goes to the shared history: it undoes the user's own last step only.
    await pcmg.keyboard.down('Control');
    await pcmg.keyboard.press('z');
    await pcmg.keyboard.up('Control');
    await pcmg.waitForFunction((sel, v) => (document.querySelector(sel) as HTMLTextAreaElement).value === v, { polling: 100 }, cell(), before);
    await pcmg.click(tool(pcmg, 'Rétablir'));
    await pcmg.waitForFunction((sel, v) => (document.querySelector(sel) as HTMLTextAreaElement).value === v, { polling: 100 }, cell(), `${before} fin`);

    // Removing the filière, with its matrix, then "Annuler": it comes back whole, for everyone.
    await new Promise((r) => setTimeout(r, 600));
    await pcmg.click('.filiere-card .record-actions button');
    await pcmg.waitForFunction(() => document.querySelector('.filiere-card') === null, { polling: 100 });
    expect(await pcmg.$eval(tool(pcmg, 'Annuler'), (b) => b.getAttribute('aria-disabled'))).toBeNull();
    await pcmg.click(tool(pcmg, 'Annuler'));
    await pcmg.waitForSelector(cell());
    expect(await valueOf(pcmg, cell())).toBe(`${before} fin`);
    // The server accepted the restoring update (the connection stays up and a new page sees it).
    const again = await openSection(people.author, 'filieres');
    await again.waitForFunction(
      (sel, v) => (document.querySelector(sel) as HTMLTextAreaElement | null)?.value === v,
      { polling: 100 },
      cell(),
      `${before} fin`,
    );
    await again.close();
  }, 120_000);

  it('formats text with underline, strikethrough, quote and heading 4', async () => {
    await pcmg.bringToFront();
    await pcmg.click('.ProseMirror');
    await pcmg.keyboard.type('Texte souligné');
    await pcmg.keyboard.down('Shift');
    for (let i = 0; i < 'souligné'.length; i++) await pcmg.keyboard.press('ArrowLeft');
    await pcmg.keyboard.up('Shift');
    const stored = () => server.deps.registry.get(projectId).doc.getXmlFragment('section:filieres').toString();
    const serverHas = async (text: string) => {
      const start = Date.now();
      while (!stored().includes(text) && Date.now() - start < 10_000) await new Promise((r) => setTimeout(r, 100));
      expect(stored()).toContain(text);
    };
    await pcmg.click(tool(pcmg, 'Souligné'));
    await pcmg.click(tool(pcmg, 'Barré'));
    await pcmg.waitForSelector('.ProseMirror u s, .ProseMirror s u');
    await serverHas('<strike><underline>souligné</underline></strike>');
    expect(await pcmg.$eval(tool(pcmg, 'Souligné'), (b) => b.getAttribute('aria-pressed'))).toBe('true');
    await pcmg.click(tool(pcmg, 'Citation'));
    await pcmg.waitForSelector('.ProseMirror blockquote');
    await serverHas('<blockquote><paragraph>Texte <strike>');
    // Collapse the selection to its end before a new paragraph (Enter would replace selected text).
    // Wrapping in a quote redraws the paragraph and the browser's selection follows a frame later:
    // a key pressed before that (faster than any hand) acts on the old one, so wait as a reader would.
    type EditorDom = HTMLElement & { editor?: { state: { selection: { empty: boolean } } } };
    const editorSelectionEmpty = () => (document.querySelector('.ProseMirror') as EditorDom | null)?.editor?.state.selection.empty;
    await pcmg.waitForFunction(() => String(window.getSelection()) === 'souligné', { polling: 50 });
    await pcmg.keyboard.press('ArrowRight');
    await pcmg.keyboard.press('End');
    // The editor's own selection, not only the page's: Enter acts on the editor's.
    await pcmg.waitForFunction(editorSelectionEmpty, { polling: 50 });
    await pcmg.keyboard.press('Enter');
    await pcmg.click(tool(pcmg, 'Citation'));
    await pcmg.click(tool(pcmg, 'Titre 4'));
    await pcmg.keyboard.type('Sous-partie');
    await pcmg.waitForSelector('.ProseMirror h4');
    // The server kept them (its schema has the marks and nodes): a new page shows them.
    await serverHas(
      '<blockquote><paragraph>Texte <strike><underline>souligné</underline></strike></paragraph></blockquote><heading level="4">Sous-partie</heading>',
    );
    const again = await openSection(people.author, 'filieres');
    await again.waitForSelector('.ProseMirror blockquote u, .ProseMirror blockquote s');
    await again.waitForFunction(() => document.querySelector('.ProseMirror h4')?.textContent?.startsWith('Sous-partie'), { polling: 100 });
    await again.close();
  }, 60_000);

  it('counts the section’s words as one types, and prints the section, not the application', async () => {
    await pcmg.bringToFront();
    await pcmg.waitForFunction(() => document.querySelector('.word-count-section')?.getAttribute('data-words') === '3', { polling: 100 });
    expect(await pcmg.$eval('.word-count-section', (el) => el.textContent)).toBe('3 mots dans cette section');
    await pcmg.emulateMediaType('print');
    const shown = (selector: string) => pcmg.$eval(selector, (el) => getComputedStyle(el).display !== 'none');
    expect(await shown('.site-header')).toBe(false);
    expect(await shown('.project-sidebar')).toBe(false);
    expect(await shown('.toolbar-slot')).toBe(false);
    expect(await shown('.ProseMirror')).toBe(true);
    expect(await shown('.block-filieres')).toBe(true);
    await pcmg.emulateMediaType('screen');
  }, 30_000);

  it('restores the section’s text from a frozen version, for everyone', async () => {
    const frozen = await server.api('POST', `/api/projects/${projectId}/versions`, { cookie: pcmgCookie, body: { label: 'Avis de la CME' } });
    expect(frozen.status).toBe(201);
    await pcmg.bringToFront();
    await pcmg.click('.ProseMirror h4');
    await pcmg.keyboard.press('End');
    await pcmg.keyboard.type(' réécrite');
    const stored = () => server.deps.registry.get(projectId).doc.getXmlFragment('section:filieres').toString();
    const start = Date.now();
    while (!stored().includes('réécrite') && Date.now() - start < 10_000) await new Promise((r) => setTimeout(r, 100));
    await pcmg.click('.section-restore summary');
    await pcmg.waitForFunction(() => (document.querySelector('.section-restore select') as HTMLSelectElement).options.length === 1, { polling: 100 });
    expect(await pcmg.$eval('.section-restore select', (s) => (s as HTMLSelectElement).options[0]!.textContent)).toMatch(
      /^Version 1 — Avis de la CME \(\d{2}\/\d{2}\/\d{4}\)$/,
    );
    await pcmg.click('.section-restore button[type="submit"]');
    await pcmg.waitForFunction(
      () => document.querySelector('.section-restore .restore-status')?.textContent?.startsWith('Texte restauré depuis la Version 1'),
      { polling: 100 },
    );
    await pcmg.waitForFunction(() => !document.querySelector('.ProseMirror')!.textContent!.includes('réécrite'), { polling: 100 });
    expect(stored()).not.toContain('réécrite');
    expect(stored()).toContain('Sous-partie');
  }, 60_000);

  it('a rédacteur removes a filière; the coordinator restores it from the bin, for everyone', async () => {
    const author = await openSection(people.author, 'filieres');
    await author.waitForSelector(cell());
    await author.click('.filiere-card .record-actions button');
    await pcmg.bringToFront();
    await pcmg.waitForFunction(() => document.querySelector('.filiere-card') === null, { polling: 100 });
    await pcmg.click('.bin-panel summary');
    await pcmg.waitForSelector('.bin-entry button');
    expect(await pcmg.$eval('.bin-entry', (li) => li.textContent)).toMatch(/^Filière « sans nom » — supprimé\(e\) par Marc Leroy le \d{2}\/\d{2}\/\d{4}/);
    await pcmg.click('.bin-entry button');
    await author.waitForSelector(cell());
    await pcmg.waitForSelector(cell());
    await pcmg.waitForFunction(() => document.querySelector('.bin-panel .empty')?.textContent === 'La corbeille est vide.', { polling: 100 });
    await author.close();
  }, 60_000);
});
