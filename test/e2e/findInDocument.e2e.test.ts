import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'puppeteer-core';
import { countDocumentWords } from '../../schemas/documentText';
import { writeTextField } from '../../schemas/sharedText';
import { fichesActionsMap } from '../../schemas/structured';
import { addFicheAction } from '../../schemas/structuredEdits';
import { demoPassword } from '../../server/seed/demo';
import { startDemoSession, type DemoSession } from '../helpers/demoSession';
import { openAs, waitText } from '../helpers/browserSession';
import type { TestServer } from '../helpers/testServer';

/**
 * Issue 20, finding 10: « search in the document » and « word count » for the whole document.
 * The find bar (Ctrl+F in the editor, or its button) counts the matches in every section's text
 * and in the structured fields, accents and case ignored, and goes from one to the next across
 * sections: a match in the text is highlighted, a field holding one is focused with the words
 * selected. The footer counts the section's words and the whole document's.
 */
let demo: DemoSession;
let server: TestServer;
let browser: Browser;
let pmpId: string;
let cookie: string;
let ficheId: string;

beforeAll(async () => {
  demo = await startDemoSession();
  ({ server, browser, pmpId } = demo);
  cookie = demo.cookie;
  server.deps.registry.get(pmpId).change((doc) => {
    ficheId = addFicheAction(doc, 'filieres', { title: 'Imagerie de nuit' });
    writeTextField(fichesActionsMap(doc).get(ficheId)!, 'objectif', 'Interpréter en TELERADIOLOGIE tous les scanners de nuit');
  });
}, 120_000);
afterAll(async () => {
  await demo?.close();
});

const counted = (page: Page) => page.$eval('#find-count', (el) => el.textContent ?? '');
const currentMark = (page: Page) => page.$eval('.ProseMirror .find-match-current', (el) => el.textContent);

async function openProject(page: Page, sectionId: string): Promise<void> {
  await page.evaluate((hash) => {
    location.hash = hash;
  }, `#/projets/${pmpId}/sections/${sectionId}`);
  await page.waitForSelector('.ProseMirror');
}

describe('find in the document', () => {
  it('finds every match in text and fields across sections, with a count, next and previous', async () => {
    const total = (await server.api('GET', '/api/search?q=t%C3%A9l%C3%A9radiologie', { cookie })).body.total as number;
    expect(total).toBe(3);
    const page = await openAs(browser, server.url, { email: 'claire.martin@demo.ght.fr', password: demoPassword });
    await openProject(page, 'objectifs-medicaux');
    await page.click('.ProseMirror');
    await page.keyboard.down('Control');
    await page.keyboard.press('f');
    await page.keyboard.up('Control');
    await page.waitForFunction(() => document.activeElement?.id === 'find-input', { polling: 100 });
    await page.keyboard.type('téléRADIOLOGIE');
    await waitText(page, '#find-count', '3 résultats');

    // From « Objectifs médicaux », the first match is in the filières' text.
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => location.hash.endsWith('/sections/filieres'), { polling: 100 });
    await page.waitForSelector('.ProseMirror .find-match-current');
    expect(await currentMark(page)).toBe('téléradiologie');
    expect(await counted(page)).toBe('1 sur 3 résultats');

    // Then the fiche-action's objectif: focused, the words selected.
    await page.click('#find-next');
    await page.waitForFunction(() => document.activeElement instanceof HTMLTextAreaElement, { polling: 100 });
    const selected = await page.evaluate(() => {
      const area = document.activeElement as HTMLTextAreaElement;
      return area.value.slice(area.selectionStart, area.selectionEnd);
    });
    expect(selected).toBe('TELERADIOLOGIE');
    expect(await counted(page)).toBe('2 sur 3 résultats');
    expect(await page.$$eval('.ProseMirror .find-match-current', (els) => els.length)).toBe(0);

    // Then the imagerie section, then back to the first, and previous goes back.
    await page.click('#find-next');
    await page.waitForFunction(() => location.hash.endsWith('/sections/imagerie-medicale'), { polling: 100 });
    await page.waitForSelector('.ProseMirror .find-match-current');
    expect(await currentMark(page)).toBe('téléradiologie');
    expect(await counted(page)).toBe('3 sur 3 résultats');
    await page.click('#find-next');
    await page.waitForFunction(() => location.hash.endsWith('/sections/filieres'), { polling: 100 });
    await waitText(page, '#find-count', '1 sur 3 résultats');
    await page.click('#find-previous');
    await page.waitForFunction(() => location.hash.endsWith('/sections/imagerie-medicale'), { polling: 100 });
    await waitText(page, '#find-count', '3 sur 3 résultats');

    // Escape closes the bar and takes the highlight away.
    await page.focus('#find-input');
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => (document.querySelector('.find-bar') as HTMLElement).hidden, { polling: 100 });
    expect(await page.$$eval('.ProseMirror .find-match', (els) => els.length)).toBe(0);
    await page.close();
  }, 90_000);

  it('lets a reader search too, and says when nothing is found', async () => {
    const page = await openAs(browser, server.url, { email: 'julie.petit@demo.ght.fr', password: demoPassword });
    await openProject(page, 'imagerie-medicale');
    await page.click('#find-open');
    await page.type('#find-input', 'scanner');
    await page.waitForFunction(() => /^\d+ résultats$/.test(document.querySelector('#find-count')?.textContent ?? ''), { polling: 100 });
    await page.click('#find-input', { count: 3 });
    await page.keyboard.type('introuvablexyz');
    await waitText(page, '#find-count', 'Aucun résultat dans le document');
    await page.close();
  }, 60_000);

  it('counts the whole document’s words in the footer, structured fields included, as anyone types', async () => {
    const page = await openAs(browser, server.url, { email: 'claire.martin@demo.ght.fr', password: demoPassword });
    await openProject(page, 'filieres');
    const expected = countDocumentWords(server.deps.registry.get(pmpId).doc);
    expect(expected).toBeGreaterThan(1000);
    await page.waitForFunction((n) => document.querySelector('.word-count-document')?.getAttribute('data-words') === String(n), { polling: 100 }, expected);
    const formatted = new Intl.NumberFormat('fr-FR').format(expected);
    expect(await page.$eval('.word-count-document', (el) => el.textContent)).toBe(`${formatted} mots dans le document`);
    const sectionWords = await page.$eval('.word-count-section', (el) => el.getAttribute('data-words'));
    // Four words typed in a field of the fiche-action: the document counts them, the section's text does not.
    await page.click(`[data-path="sections/filieres/fichesActions/${ficheId}/objectif"]`);
    await page.keyboard.press('End');
    await page.keyboard.type(' avec un poste dédié');
    await page.waitForFunction((n) => document.querySelector('.word-count-document')?.getAttribute('data-words') === String(n), { polling: 100 }, expected + 4);
    expect(await page.$eval('.word-count-section', (el) => el.getAttribute('data-words'))).toBe(sectionWords);
    await page.close();
  }, 60_000);
});
