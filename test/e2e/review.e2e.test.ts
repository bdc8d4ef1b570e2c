import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'puppeteer-core';
import { sectionPlainText } from '../../schemas/sectionText';
import { editorDist } from '../../server/http/app';
import { clickWhenReady, launchChromium } from '../helpers/browser';
import { appendParagraph } from '../helpers/richText';
import { startTestServer, type TestServer } from '../helpers/testServer';

/** Issue 21 in Chromium: a reviewer comments and suggests, the coordinator accepts. */
let server: TestServer;
let browser: Browser;
let projectId: string;
let claireCookie: string;
let v1: string;
const people = {
  claire: { name: 'Dr Claire Martin', email: 'claire@review-e2e.fr', password: 'password-of-Claire' },
  paul: { name: 'Pr Paul Relecteur', email: 'paul@review-e2e.fr', password: 'password-of-Paul' },
  clarisse: { name: 'Dr Clarisse Durand', email: 'clarisse@review-e2e.fr', password: 'password-of-Clarisse' },
};
type Person = (typeof people)[keyof typeof people];
const section = 'diagnostic';

beforeAll(async () => {
  if (!fs.existsSync(path.join(editorDist, 'index.html'))) throw new Error('editor/dist is missing: npm test builds it');
  server = await startTestServer();
  const ids: Record<string, string> = {};
  for (const [key, person] of Object.entries(people)) {
    ids[key] = (
      await server.api('POST', '/api/users', { cookie: server.adminCookie, body: { email: person.email, name: person.name, password: person.password } })
    ).body.id;
  }
  const claire = await server.login(people.claire.email, people.claire.password);
  claireCookie = claire;
  projectId = (await server.api('POST', '/api/projects', { cookie: claire, body: { kind: 'PM', title: 'Projet médical relu' } })).body.id;
  await server.api('PUT', `/api/projects/${projectId}/members/${ids.paul}`, { cookie: claire, body: { role: 'reviewer' } });
  await server.api('PUT', `/api/projects/${projectId}/members/${ids.clarisse}`, { cookie: claire, body: { role: 'editor' } });
  server.deps.registry.get(projectId).change((doc) => appendParagraph(doc, section, 'Le territoire compte trois hôpitaux.'));
  v1 = (await server.api('POST', `/api/projects/${projectId}/versions`, { cookie: claire, body: { label: 'Avant relecture' } })).body.id;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openSection(person: Person): Promise<Page> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.goto(`${server.url}/#/connexion`);
  await page.waitForSelector('#login-email');
  await page.type('#login-email', person.email);
  await page.type('#login-password', person.password);
  await page.click('#login-submit');
  await clickWhenReady(page, `a[data-project-id="${projectId}"]`);
  await clickWhenReady(page, `[data-section-id="${section}"]`);
  await page.waitForSelector('.ProseMirror[contenteditable="true"]');
  await page.waitForSelector('.review-panel');
  await page.waitForFunction(() => document.querySelector('#connection-status')?.getAttribute('data-state') === 'connected', { polling: 100 });
  await page.waitForFunction(() => document.querySelector('.ProseMirror')?.textContent?.includes('hôpitaux'), { polling: 100 });
  return page;
}

/** Selects the first occurrence of `text` in the editor, as a user's drag would (ProseMirror reads the DOM selection). */
async function select(page: Page, text: string): Promise<void> {
  await page.bringToFront();
  await page.focus('.ProseMirror');
  await page.evaluate((wanted) => {
    const walker = document.createTreeWalker(document.querySelector('.ProseMirror')!, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent!.indexOf(wanted);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + wanted.length);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
      return;
    }
    throw new Error(`no ${wanted}`);
  }, text);
  // ProseMirror takes the DOM selection on selectionchange.
  await page.waitForFunction((wanted) => getSelection()?.toString() === wanted, { polling: 50 }, text);
  await new Promise((r) => setTimeout(r, 100));
}

const textOf = (page: Page, selector: string) => page.$$eval(selector, (els) => els.map((el) => el.textContent ?? '').join('|'));

describe('review in the browser', () => {
  it('a reviewer comments and suggests; the coordinator sees both and accepts', async () => {
    const paul = await openSection(people.paul);
    // A comment on the selected sentence.
    await select(paul, 'trois hôpitaux');
    await paul.type('#new-comment', 'Lesquels ? Préciser les établissements.');
    await paul.evaluate(() => [...document.querySelectorAll<HTMLButtonElement>('.review-new-comment button')][0]!.click());
    await paul.waitForFunction(() => document.querySelector('.review-thread')?.textContent?.includes('Lesquels ?'), { polling: 100, timeout: 10_000 });
    // Suggestions: an insertion at the end, the first word proposed for deletion.
    await paul.click('.ProseMirror');
    await paul.keyboard.press('End');
    await paul.keyboard.type(' Et deux cliniques.', { delay: 5 });
    await paul.waitForFunction(() => document.querySelector('.ProseMirror ins.suggestion-insert')?.textContent === ' Et deux cliniques.', {
      polling: 100,
      timeout: 10_000,
    });
    await select(paul, 'Le ');
    await paul.keyboard.press('Backspace');
    await paul.waitForFunction(() => document.querySelector('.ProseMirror del.suggestion-delete')?.textContent === 'Le ', { polling: 100, timeout: 10_000 });
    expect(await textOf(paul, '.ProseMirror ins.suggestion-insert')).toBe(' Et deux cliniques.');
    // The server kept all of it, and nothing of the text itself changed.
    await new Promise((r) => setTimeout(r, 300));
    expect(await paul.$eval('#connection-status', (el) => el.getAttribute('data-state'))).toBe('connected');
    const comments = (await server.api('GET', `/api/projects/${projectId}/comments`, { cookie: server.adminCookie })).body;
    expect(comments[0]).toMatchObject({ body: 'Lesquels ? Préciser les établissements.', anchor: { text: 'trois hôpitaux', detached: false } });
    const suggestions = (await server.api('GET', `/api/projects/${projectId}/suggestions`, { cookie: server.adminCookie })).body as {
      kind: string;
      text: string;
    }[];
    expect(suggestions.map((s) => [s.kind, s.text])).toEqual([
      ['delete', 'Le '],
      ['insert', ' Et deux cliniques.'],
    ]);

    const claire = await openSection(people.claire);
    await claire.waitForFunction(() => document.querySelectorAll('.review-suggestion').length === 2, { polling: 100, timeout: 10_000 });
    expect(await textOf(claire, '.review-thread .review-body')).toContain('Lesquels ?');
    await claire.evaluate(() =>
      [...document.querySelectorAll<HTMLButtonElement>('.review-bulk button')].find((b) => b.textContent === 'Tout accepter dans ce chapitre')!.click(),
    );
    await claire.waitForFunction(() => document.querySelectorAll('.review-suggestion').length === 0, { polling: 100, timeout: 10_000 });
    const final = 'territoire compte trois hôpitaux. Et deux cliniques.';
    for (const page of [claire, paul]) {
      // The text without the other person's caret label, which lives inside the editor.
      await page.waitForFunction(
        (t) => {
          const copy = document.querySelector('.ProseMirror')!.cloneNode(true) as HTMLElement;
          copy.querySelectorAll('.collaboration-carets__caret').forEach((caret) => caret.remove());
          return copy.textContent === t;
        },
        { polling: 100, timeout: 10_000 },
        final,
      );
    }
    expect(sectionPlainText(server.deps.registry.get(projectId).doc, section)).toBe(final);
    // The comment stays, on the text that is left of its range.
    expect((await server.api('GET', `/api/projects/${projectId}/comments`, { cookie: server.adminCookie })).body[0].anchor.detached).toBe(false);

    // The comparison with the version frozen before the review says whose suggestions were accepted, and by whom.
    const v2 = (await server.api('POST', `/api/projects/${projectId}/versions`, { cookie: claireCookie, body: { label: 'Après relecture' } })).body.id;
    await claire.evaluate((hash) => {
      location.hash = hash;
    }, `#/projets/${projectId}/versions/${v1}/comparer/${v2}`);
    await claire.waitForSelector('.diff-line.op-added .diff-origin');
    expect(await textOf(claire, '.diff-line.op-added .diff-origin')).toBe(' (suggestion de Pr Paul Relecteur, acceptée par Dr Claire Martin)');
    expect(await textOf(claire, '.diff-line.op-removed .diff-origin')).toBe(' (suggestion de Pr Paul Relecteur, acceptée par Dr Claire Martin)');
    expect(await textOf(claire, '.diff-accepted li')).toMatch(
      /^Suppression de « Le » proposée par Pr Paul Relecteur, acceptée par Dr Claire Martin le \d\d\/\d\d\/\d{4} à \d\d:\d\d\|Ajout « Et deux cliniques\. » proposé par Pr Paul Relecteur, accepté par Dr Claire Martin le /,
    );
  }, 90_000);

  it('@ in the comment box lists the members who match; the keyboard picks one and the comment mentions that person', async () => {
    const paul = await openSection(people.paul);
    await select(paul, 'territoire');
    await paul.click('#new-comment');
    await paul.keyboard.type('Voir avec @cla', { delay: 5 });
    await paul.waitForFunction(() => document.querySelectorAll('.review-new-comment .mention-option').length === 2, { polling: 50, timeout: 10_000 });
    expect(await textOf(paul, '.review-new-comment .mention-option')).toBe('Dr Claire Martin|Dr Clarisse Durand');
    expect(await paul.$eval('#new-comment', (el) => el.getAttribute('aria-expanded'))).toBe('true');
    await paul.keyboard.press('ArrowDown');
    expect(await textOf(paul, '.review-new-comment .mention-option[aria-selected="true"]')).toBe('Dr Clarisse Durand');
    await paul.keyboard.press('Enter');
    await paul.keyboard.type('merci.', { delay: 5 });
    expect(await paul.$eval('#new-comment', (el) => (el as HTMLTextAreaElement).value)).toBe('Voir avec @Dr Clarisse Durand merci.');
    expect(await paul.$eval('#new-comment', (el) => el.getAttribute('aria-expanded'))).toBe('false');
    // Échap closes the list without inserting anything.
    await paul.keyboard.type(' @pau', { delay: 5 });
    expect(await paul.$$eval('.review-new-comment .mention-option', (els) => els.length)).toBe(0);
    for (let i = 0; i < 4; i++) await paul.keyboard.press('Backspace');
    await paul.keyboard.type('@', { delay: 5 });
    await paul.waitForFunction(() => document.querySelectorAll('.review-new-comment .mention-option').length === 2, { polling: 50 });
    await paul.keyboard.press('Escape');
    expect(await paul.$$eval('.review-new-comment .mention-option', (els) => els.length)).toBe(0);
    await paul.evaluate(() => [...document.querySelectorAll<HTMLButtonElement>('.review-new-comment button')][0]!.click());
    await paul.waitForFunction(() => [...document.querySelectorAll('.review-thread')].some((t) => t.textContent?.includes('Voir avec @Dr Clarisse Durand')), {
      polling: 100,
      timeout: 10_000,
    });
    const comments = (await server.api('GET', `/api/projects/${projectId}/comments`, { cookie: server.adminCookie })).body as {
      body: string;
      mentions: { name: string }[];
    }[];
    const mine = comments.find((c) => c.body.startsWith('Voir avec'));
    expect(mine?.mentions.map((m) => m.name)).toEqual(['Dr Clarisse Durand']);
  }, 60_000);
});
