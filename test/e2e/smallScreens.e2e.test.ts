import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'puppeteer-core';
import { editorDist } from '../../server/http/app';
import { demoPassword } from '../../server/seed/demo';
import { launchChromium } from '../helpers/browser';
import { startTestServer, type TestServer } from '../helpers/testServer';
import { demoPmpTitle } from '../../server/seed/demoContent';

/**
 * Issue 20, finding 6: a phone (390 px) and the narrowest screens we support (360 px). The
 * header stays short, the editor's text comes first on a project's page, and no view of the demo
 * scrolls sideways — the governance calendar and the filières matrix included.
 */
let server: TestServer;
let browser: Browser;
let pmp: { id: string; sections: { id: string; blocks?: string[] }[] };

beforeAll(async () => {
  if (!fs.existsSync(path.join(editorDist, 'index.html'))) throw new Error('editor/dist is missing: npm test builds it');
  server = await startTestServer({ demo: true });
  const cookie = await server.login('claire.martin@demo.ght.fr', demoPassword);
  const projects = (await server.api('GET', '/api/projects', { cookie })).body as { id: string; title: string }[];
  const id = projects.find((p) => p.title === demoPmpTitle)!.id;
  const flat = (nodes: { id: string; blocks?: string[]; children?: unknown[] }[]): { id: string; blocks?: string[] }[] =>
    nodes.flatMap((n) => [n, ...flat((n.children ?? []) as typeof nodes)]);
  pmp = { id, sections: flat((await server.api('GET', `/api/projects/${id}`, { cookie })).body.sections) };
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function signedIn(width: number): Promise<Page> {
  const page = await (await browser.createBrowserContext()).newPage();
  page.setDefaultTimeout(20_000);
  await page.setViewport({ width, height: 800, isMobile: true, hasTouch: true });
  await page.goto(`${server.url}/#/connexion`);
  await page.waitForSelector('#login-email');
  await page.type('#login-email', 'claire.martin@demo.ght.fr');
  await page.type('#login-password', demoPassword);
  await page.click('#login-submit');
  await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Mes projets', { polling: 100 });
  return page;
}

/** Opens a view and lets it settle; how far the page scrolls sideways (0 is right). */
async function sidewaysOverflow(page: Page, hash: string, ready: string): Promise<number> {
  await page.evaluate((h) => {
    location.hash = h;
  }, hash);
  await page.waitForSelector(ready);
  await new Promise((resolve) => setTimeout(resolve, 300));
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  if (overflow > 0 && process.env.PMP_DEBUG_LAYOUT) {
    // The widest elements, to find what pushes the page.
    console.log(
      hash,
      await page.evaluate(() =>
        [...document.querySelectorAll('main *')]
          .map((el) => [el.tagName + '.' + el.className, Math.round(el.getBoundingClientRect().right)] as const)
          .filter(([, r]) => r > document.documentElement.clientWidth)
          .slice(-6),
      ),
    );
  }
  return overflow;
}

describe.each([390, 360])('at %i px wide (Chromium)', (width) => {
  it('keeps the header short and puts the editor first on a project page', async () => {
    const page = await signedIn(width);
    expect(await page.$eval('.site-header', (el) => el.getBoundingClientRect().height)).toBeLessThanOrEqual(150);
    await page.evaluate((id) => {
      location.hash = `#/projets/${id}`;
    }, pmp.id);
    await page.waitForSelector('.ProseMirror');
    const top = await page.$eval('.ProseMirror', (el) => el.getBoundingClientRect().top + window.scrollY);
    // 2,762 px down before; now a little more than one screen at 360 px (about 915 px): title,
    // section heading, its status and the section tools above it.
    expect(top).toBeLessThan(1000);
    // The outline is still there, folded under the text.
    expect(await page.$('.outline')).not.toBeNull();
    await page.close();
  }, 60_000);

  it('no view scrolls sideways', async () => {
    const page = await signedIn(width);
    const withBlock = (block: string) => pmp.sections.find((s) => s.blocks?.includes(block))!.id;
    const views: [string, string][] = [
      ['#/projets', '.project-list'],
      [`#/projets/${pmp.id}`, '.ProseMirror'],
      [`#/projets/${pmp.id}/sections/${withBlock('filieres')}`, '.ProseMirror'],
      [`#/projets/${pmp.id}/sections/${withBlock('fichesActions')}`, '.ProseMirror'],
      ['#/gouvernance', '.month-grid'],
      ['#/gouvernance/liste', '.seance-list'],
      ['#/secretariat', 'h1'],
      [`#/projets/${pmp.id}/calendrier`, '.versions-table'],
      ['#/notifications', 'h1'],
      ['#/profil', '#profile-function'],
    ];
    const overflow: Record<string, number> = {};
    for (const [hash, ready] of views) overflow[hash] = await sidewaysOverflow(page, hash, ready);
    expect(overflow).toEqual(Object.fromEntries(views.map(([hash]) => [hash, 0])));
    await page.close();
  }, 120_000);
});
