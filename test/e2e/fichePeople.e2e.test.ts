import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'puppeteer-core';
import { textOf } from '../../schemas/sharedText';
import { fichesActionsMap } from '../../schemas/structured';
import { addFicheAction } from '../../schemas/structuredEdits';
import { demoPassword } from '../../server/seed/demo';
import { startDemoSession, type DemoSession } from '../helpers/demoSession';
import { openAs, waitText } from '../helpers/browserSession';
import type { TestServer } from '../helpers/testServer';

/**
 * Issue 20, finding 10: « Pilots and référents of fiches-actions are free text, not project
 * members. » In Chromium: the fiche's pilot is chosen in the list of the project's members; the
 * free text of an older fiche is shown until replaced; a reader sees the name, read-only.
 */
let demo: DemoSession;
let server: TestServer;
let browser: Browser;
let pmpId: string;
let ficheId: string;

beforeAll(async () => {
  demo = await startDemoSession();
  ({ server, browser, pmpId } = demo);
  server.deps.registry.get(pmpId).change((doc) => {
    ficheId = addFicheAction(doc, 'filieres', { title: 'Imagerie de nuit', piloteMedical: 'Dr Ancien Pilote' });
  });
}, 120_000);
afterAll(async () => {
  await demo?.close();
});

const picker = (field: string) => `[data-record-id="${ficheId}"] select[data-person-field="${field}"]`;

async function openFiche(page: Page): Promise<void> {
  await page.evaluate((hash) => {
    location.hash = hash;
  }, `#/projets/${pmpId}/sections/filieres`);
  await page.waitForSelector(picker('piloteMedical'));
  // The members arrive from the server: the list fills.
  await page.waitForFunction((sel) => (document.querySelector(sel) as HTMLSelectElement).options.length > 3, { polling: 100 }, picker('piloteMedical'));
}

describe('pilots chosen among the project’s members', () => {
  it('replaces the free text by a member chosen in the list, and a reader sees the name', async () => {
    const page = await openAs(browser, server.url, { email: 'claire.martin@demo.ght.fr', password: demoPassword });
    await openFiche(page);
    await waitText(page, `[data-record-id="${ficheId}"] .person-legacy`, 'Saisi en texte libre : « Dr Ancien Pilote »');
    const names = await page.$$eval(`${picker('piloteMedical')} option`, (options) => options.map((o) => o.textContent));
    expect(names).toContain('Dr Sophie Bernard');
    expect(names).not.toContain('Lecteur ARS Île-de-France');
    const sophie = server.deps.store.users.findByEmail('sophie.bernard@demo.ght.fr')!.id;
    await page.select(picker('piloteMedical'), sophie);
    const fiche = () => fichesActionsMap(server.deps.registry.get(pmpId).doc).get(ficheId)!;
    const start = Date.now();
    while (fiche().get('piloteMedicalId') !== sophie && Date.now() - start < 10_000) await new Promise((r) => setTimeout(r, 100));
    expect(fiche().get('piloteMedicalId')).toBe(sophie);
    expect(textOf(fiche().get('piloteMedical'))).toBe('');
    await page.waitForFunction((sel) => (document.querySelector(sel) as HTMLElement).hidden, { polling: 100 }, `[data-record-id="${ficheId}"] .person-legacy`);
    await page.close();

    const reader = await openAs(browser, server.url, { email: 'julie.petit@demo.ght.fr', password: demoPassword });
    await openFiche(reader);
    expect(
      await reader.$eval(picker('piloteMedical'), (s) => [(s as HTMLSelectElement).disabled, (s as HTMLSelectElement).selectedOptions[0]?.textContent]),
    ).toEqual([true, 'Dr Sophie Bernard']);
    await reader.close();
  }, 90_000);
});
