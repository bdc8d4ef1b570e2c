import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editorDist } from '../../server/http/app';
import { launchChromium } from '../helpers/browser';
import { openAs, waitText } from '../helpers/browserSession';
import { adoptedPmp, type AdoptedPmp } from '../helpers/followupFixtures';
import { startTestServer, type TestServer } from '../helpers/testServer';

/**
 * Issue 24 in Chromium: the pilot of a fiche-action opens « Suivi et évaluation » of the adopted
 * PMP, reads the status rule and the charts, enters a year's value (a refused one first, its
 * error next to the field), sees the status move, and marks an étape done. An indicator of
 * another fiche-action offers them no form.
 */
let server: TestServer;
let browser: Browser;
let pmp: AdoptedPmp;
const pilot = { email: '', password: 'password-of-Sophie Lambert' };

beforeAll(async () => {
  if (!fs.existsSync(path.join(editorDist, 'index.html'))) throw new Error('editor/dist is missing: npm test builds it');
  server = await startTestServer({ exportQueue: 1 });
  const user = await server.user('Sophie Lambert');
  pilot.email = user.email;
  pmp = await adoptedPmp(server, { name: 'Orge-et-Yvette', pilotMedicalId: user.id });
  const member = await server.api('PUT', `/api/projects/${pmp.projectId}/members/${user.id}`, { cookie: server.adminCookie, body: { role: 'editor' } });
  expect(member.status).toBe(204);
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('« Suivi et évaluation » in Chromium (issue 24)', () => {
  it('the pilot enters a year’s value, sees the status move, and marks an étape done', async () => {
    const page = await openAs(browser, server.url, pilot);
    await page.evaluate((id) => (location.hash = `#/projets/${id}/suivi-evaluation`), pmp.projectId);
    const card = `[data-indicator-id="${pmp.indicators.ambulatoire}"]`;
    await page.waitForSelector(`${card} .value-form`);
    await waitText(page, '.trajectory-rule', 'Trajectoire linéaire');
    expect(await page.$eval(`${card} .trajectory-badge`, (el) => el.textContent)).toBe('Sans donnée');
    // The chart, drawn by the server as the exports draw it, loads once in view.
    await page.$eval(`${card} img.indicator-chart`, (img) => img.scrollIntoView());
    await page.waitForFunction(
      (sel) => (document.querySelector(sel) as HTMLImageElement | null)?.naturalWidth === 560,
      { polling: 100 },
      `${card} img.indicator-chart`,
    );
    const chart = await page.$eval(`${card} img.indicator-chart`, (img) => ({ src: (img as HTMLImageElement).src, alt: img.getAttribute('alt') }));
    expect(chart.src).toContain(`/followup/indicators/${pmp.indicators.ambulatoire}/chart.svg?v=`);
    expect(chart.alt).toContain('origine 40 % au 31/12/2024');
    // Another fiche-action's indicator: no form for this pilot.
    expect(await page.$(`[data-indicator-id="${pmp.indicators.delai}"] .value-form`)).toBeNull();

    await page.select(`${card} select[name="year"]`, '2025');
    await page.type(`${card} input[name="value"]`, '120');
    await page.click(`${card} button[type="submit"]`);
    await waitText(page, `${card} .field-error`, 'Un pourcentage est compris entre 0 et 100.');
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('name'));
    expect(focused).toBe('value');

    await page.$eval(`${card} input[name="value"]`, (el) => ((el as HTMLInputElement).value = ''));
    await page.type(`${card} input[name="value"]`, '45,5');
    await page.type(`${card} input[name="source"]`, 'PMSI 2025');
    await page.click(`${card} button[type="submit"]`);
    await waitText(page, `${card} .values-table`, '45,5 %');
    await waitText(page, `${card} .trajectory-badge`, 'En bonne voie');
    // The filière's roll-up counts it: one indicator on track.
    const cancerRow = `.rollup-table tr[data-id="${pmp.filieres.cancer}"]`;
    expect(await page.$eval(cancerRow, (tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent))).toEqual(['1', '0', '0', '1', '0 / 2', '2']);

    const etape = `[data-etape-id="${pmp.etapes.cancerDone}"]`;
    await page.waitForSelector(`${etape} button`);
    await page.$eval(`${etape} input[type="date"]`, (el) => ((el as HTMLInputElement).value = '2025-06-20'));
    await page.click(`${etape} button`);
    await waitText(page, etape, 'Faite le 20/06/2025');
    await waitText(page, cancerRow, '1 / 2');
    if (process.env.PMP_SCREENSHOT)
      await page.screenshot({ path: process.env.PMP_SCREENSHOT, clip: { x: 0, y: 0, width: 800, height: 1800 }, captureBeyondViewport: true });

    const followup = await server.api('GET', `/api/projects/${pmp.projectId}/followup`, { cookie: server.adminCookie });
    const ambulatoire = followup.body.indicators.find((i: { id: string }) => i.id === pmp.indicators.ambulatoire);
    expect(ambulatoire.values).toMatchObject([{ year: 2025, value: 45.5, source: 'PMSI 2025', byName: 'Sophie Lambert' }]);
    await page.browserContext().close();
  }, 90_000);
});
