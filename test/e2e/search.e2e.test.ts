import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'puppeteer-core';
import { demoPassword } from '../../server/seed/demo';
import { startDemoSession, type DemoSession } from '../helpers/demoSession';
import { openAs, waitText } from '../helpers/browserSession';
import type { TestServer } from '../helpers/testServer';

/**
 * Issue 20, finding 10 (search): the header's search box finds words across the projects one
 * may read and opens the section of a hit; the ARS reader, who reads no live text, finds nothing
 * there before anything was submitted.
 */
let demo: DemoSession;
let server: TestServer;
let browser: Browser;
let pmpId: string;

beforeAll(async () => {
  demo = await startDemoSession();
  ({ server, browser, pmpId } = demo);
}, 120_000);
afterAll(async () => {
  await demo?.close();
});

describe('search across projects', () => {
  it('finds « teleradiologie » from the header and opens the section of a hit', async () => {
    const page = await openAs(browser, server.url, { email: 'claire.martin@demo.ght.fr', password: demoPassword });
    await page.type('#header-search', 'TELERADIOLOGIE');
    await page.keyboard.press('Enter');
    await waitText(page, '.search-status', 'résultat');
    const hits = await page.$$eval(`.search-project[data-project-id="${pmpId}"] .search-hit`, (items) =>
      items.map((li) => ({ section: li.querySelector('a')!.textContent, mark: li.querySelector('mark')!.textContent })),
    );
    expect(hits.length).toBeGreaterThanOrEqual(2);
    expect(hits.every((hit) => hit.mark === 'téléradiologie')).toBe(true);
    expect(hits.map((hit) => hit.section)).toContain('Projet d’imagerie médicale, y compris interventionnelle');
    await page.click(`.search-hit-link[data-section-id="imagerie-medicale"]`);
    await page.waitForFunction(() => location.hash.endsWith('/sections/imagerie-medicale'), { polling: 100 });
    await waitText(page, '#section-title', 'imagerie médicale');
    // The find bar opens on the same words, at the section's match.
    await waitText(page, '#find-count', 'sur');
    expect(await page.$eval('#find-input', (input) => (input as HTMLInputElement).value)).toBe('TELERADIOLOGIE');
    await page.waitForSelector('.ProseMirror .find-match-current');
    await page.close();
  });

  it('says when the query is too short, and the ARS reader finds nothing of the live text', async () => {
    const page = await openAs(browser, server.url, { email: 'lecteur@demo.ars.fr', password: demoPassword });
    await page.type('#header-search', 'x');
    await page.keyboard.press('Enter');
    await waitText(page, '.search-status', 'Recherche impossible : au moins 2 caractères');
    await page.evaluate(() => {
      location.hash = '#/recherche/t%C3%A9l%C3%A9radiologie';
    });
    await waitText(page, '.search-status', 'Aucun résultat pour « téléradiologie »');
    await page.close();
  });
});
