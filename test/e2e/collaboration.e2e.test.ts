import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'puppeteer-core';
import { editorDist } from '../../server/http/app';
import { clickWhenReady, launchChromium } from '../helpers/browser';
import { startTestServer, type TestServer } from '../helpers/testServer';

let server: TestServer;
let browser: Browser;
let projectId: string;
const people = [
  { name: 'Dr Claire Martin', email: '', password: 'password-of-Claire' },
  { name: 'Marc Leroy', email: '', password: 'password-of-Marc' },
];
const section = 'objectifs-medicaux';

beforeAll(async () => {
  if (!fs.existsSync(path.join(editorDist, 'index.html'))) throw new Error('editor/dist is missing: npm test builds it');
  server = await startTestServer();
  const ids: string[] = [];
  for (const person of people) {
    person.email = `${person.name.split(' ').at(-1)!.toLowerCase()}@e2e.fr`;
    const res = await server.api('POST', '/api/users', {
      cookie: server.adminCookie,
      body: { email: person.email, name: person.name, password: person.password },
    });
    ids.push(res.body.id);
  }
  const pcme = await server.login(people[0]!.email, people[0]!.password);
  projectId = (await server.api('POST', '/api/projects', { cookie: pcme, body: { kind: 'PM', title: 'Projet médical 2026–2030' } })).body.id;
  await server.api('PUT', `/api/projects/${projectId}/members/${ids[1]}`, { cookie: pcme, body: { role: 'editor' } });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Logs in through the UI, opens the project and the section; returns the page. */
async function openSection(person: (typeof people)[number]): Promise<Page> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.goto(`${server.url}/#/connexion`);
  await page.waitForSelector('#login-email');
  await page.type('#login-email', person.email);
  await page.type('#login-password', person.password);
  await page.click('#login-submit');
  await clickWhenReady(page, `a[data-project-id="${projectId}"]`);
  // The tree re-renders as the document syncs: click whatever button is current.
  await clickWhenReady(page, `[data-section-id="${section}"]`);
  await page.waitForSelector('.ProseMirror[contenteditable="true"]');
  await page.waitForFunction(() => document.querySelector('#connection-status')?.getAttribute('data-state') === 'connected', { polling: 100 });
  return page;
}

/** The editor's text without the remote carets' name labels, which live inside it. */

const editorText = (page: Page) =>
  page.$eval('.ProseMirror', (el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('.collaboration-carets__caret').forEach((caret) => caret.remove());
    return copy.textContent ?? '';
  });

async function typeInEditor(page: Page, text: string): Promise<void> {
  await page.bringToFront();
  await page.click('.ProseMirror');
  await page.keyboard.press('End');
  await page.keyboard.type(text, { delay: 5 });
}

describe('two people writing in the same section (Chromium)', () => {
  it('each sees the other’s text and named cursor', async () => {
    const claire = await openSection(people[0]!);
    const marc = await openSection(people[1]!);

    await typeInEditor(claire, 'Objectif 1 : filière urgences. ');
    await marc.waitForFunction((t) => document.querySelector('.ProseMirror')?.textContent?.includes(t), { polling: 100, timeout: 10_000 }, 'filière urgences');

    await typeInEditor(marc, 'Objectif 2 : gériatrie.');
    await claire.waitForFunction((t) => document.querySelector('.ProseMirror')?.textContent?.includes(t), { polling: 100, timeout: 10_000 }, 'gériatrie');
    expect(await editorText(claire)).toBe(await editorText(marc));

    // Remote carets carry the other person's name.
    await claire.waitForFunction(
      (n) => [...document.querySelectorAll('.collaboration-carets__label')].some((l) => l.textContent?.includes(n)),
      { polling: 100, timeout: 10_000 },
      'Marc Leroy',
    );
    await marc.waitForFunction(
      (n) => [...document.querySelectorAll('.collaboration-carets__label')].some((l) => l.textContent?.includes(n)),
      { polling: 100, timeout: 10_000 },
      'Dr Claire Martin',
    );
    // The chapter tree shows who is where.
    await claire.waitForFunction(
      (id) => document.querySelector(`[data-section-id="${id}"]`)?.closest('li')?.textContent?.includes('ML'),
      { polling: 100, timeout: 10_000 },
      section,
    );
  }, 60_000);

  it('the coordinator removes the co-author from the members panel: the co-author’s page loses access at once', async () => {
    const claire = await openSection(people[0]!);
    const marc = await openSection(people[1]!);
    await claire.bringToFront();
    await claire.click('.members-panel summary');
    await claire.waitForFunction(
      (n) => [...document.querySelectorAll('.members-panel .member')].some((m) => m.textContent?.includes(n)),
      { polling: 100, timeout: 10_000 },
      'Marc Leroy',
    );
    claire.once('dialog', (dialog) => void dialog.accept());
    await claire.evaluate((n) => {
      const row = [...document.querySelectorAll('.members-panel .member')].find((m) => m.textContent?.includes(n))!;
      row.querySelector<HTMLButtonElement>('button')!.click();
    }, 'Marc Leroy');
    await claire.waitForFunction(
      (n) => ![...document.querySelectorAll('.members-panel .member')].some((m) => m.textContent?.includes(n)),
      { polling: 100, timeout: 10_000 },
      'Marc Leroy',
    );
    // Marc's open page is told at once, without reloading: his socket was closed as forbidden.
    await marc.waitForFunction(
      () => {
        const alert = document.querySelector<HTMLElement>('.collab-alert');
        return alert !== null && !alert.hidden && (alert.textContent ?? '').includes('plus) accès');
      },
      { polling: 100, timeout: 10_000 },
    );
  }, 60_000);

  it('the coordinator finds the co-author by name and adds them back as rédacteur', async () => {
    // The search covers the accounts of the coordinator's organisations: both are members of one.
    const ght = await server.api('POST', '/api/organisations', { cookie: server.adminCookie, body: { name: 'GHT de test', kind: 'GHT' } });
    const users = (await server.api('GET', '/api/users?query=e2e.fr', { cookie: server.adminCookie })).body as { id: string }[];
    for (const { id } of users) {
      await server.api('POST', `/api/organisations/${ght.body.id}/roles`, { cookie: server.adminCookie, body: { userId: id, role: 'member' } });
    }
    const claire = await openSection(people[0]!);
    await claire.click('.members-panel summary');
    await claire.type('.members-panel input[type="search"]', 'Leroy');
    await claire.waitForFunction(() => document.querySelector('.members-found .member-found button') !== null, { polling: 100, timeout: 10_000 });
    await claire.click('.members-found .member-found button');
    await claire.waitForFunction(
      (n) => [...document.querySelectorAll('.members-panel .member')].some((m) => m.textContent?.includes(n)),
      { polling: 100, timeout: 10_000 },
      'Marc Leroy',
    );
    const members = (await server.api('GET', `/api/projects/${projectId}/members`, { cookie: server.adminCookie })).body as { name: string; role: string }[];
    const marc = members.find((m) => m.name === 'Marc Leroy')!;
    expect(marc.role).toBe('editor');
  }, 60_000);
});
