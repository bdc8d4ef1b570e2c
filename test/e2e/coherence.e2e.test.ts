import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'puppeteer-core';
import { sectionEntry } from '../../schemas/docLayout';
import { pmpItemField } from '../../schemas/pmpLinks';
import { objectifsMap } from '../../schemas/structured';
import { editorDist } from '../../server/http/app';
import { launchChromium } from '../helpers/browser';
import { openAs, waitText } from '../helpers/browserSession';
import { coherenceGht, type CoherenceGht } from '../helpers/coherenceGht';
import { startTestServer, type TestServer } from '../helpers/testServer';

/**
 * Issue 24, item 4, in Chromium: the PCMG reaches the cohérence view from the PMP's page, reads
 * the gap, exports it and sends it to Vallée-Basse's PCME, who follows the notification to its
 * own column; the PCME links a new objectif to a PMP filière through the picker's suggestion.
 */
let server: TestServer;
let browser: Browser;
let g: CoherenceGht;

beforeAll(async () => {
  if (!fs.existsSync(path.join(editorDist, 'index.html'))) throw new Error('editor/dist is missing: npm test builds it');
  server = await startTestServer({ reminderIntervalMs: 0 });
  g = await coherenceGht(server);
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the cohérence screen (issue 24, item 4)', () => {
  it('the PCMG opens it from the PMP, sees the missing filière and modalities, exports it and sends the gaps to the PCME', async () => {
    const page = await openAs(browser, server.url, g.pcmg);
    await page.evaluate((id) => (location.hash = `#/projets/${id}`), g.pmpId);
    await page.waitForSelector('#project-coherence-link');
    await page.click('#project-coherence-link');
    await page.waitForSelector('#coherence-table');
    const cell = (filiere: string, etablissement: string) =>
      page.$eval(`#coherence-table tr[data-filiere="${filiere}"] td[data-etablissement="${etablissement}"]`, (td) =>
        [...td.childNodes]
          .map((n) => n.textContent)
          .join(' ')
          .replace(/\s+/g, ' ')
          .trim(),
      );
    expect(await cell(g.filieres.psy, g.basse)).toBe('Non couverte Modalités non mentionnées : a) Permanence des soins, h) Médico-social');
    expect(await cell(g.filieres.geria, g.basse)).toBe('Couverte Modalités non mentionnées : g) HAD');
    expect(await cell(g.filieres.psy, g.haute)).toBe('Couverte Toutes les modalités attribuées sont mentionnées.');
    await waitText(page, '#coherence-table thead', 'Projet médical adopté le');

    // The exports are links the browser downloads with the session: the CSV holds the gap.
    const csvHref = await page.$eval('a[href$="coherence.csv"]', (a) => (a as HTMLAnchorElement).getAttribute('href'));
    const csv = await page.evaluate(async (href) => (await fetch(href!)).text(), csvHref);
    expect(csv).toContain('Santé mentale;Hôpital de Vallée-Basse;Projet médical de Vallée-Basse;adopté;');
    expect(await page.$eval('a[href$="coherence.pdf"]', (a) => a.textContent)).toBe('Exporter en PDF');

    await page.click(`button[data-send="${g.basse}"]`);
    await waitText(page, `#etablissement-${g.basse} .coherence-send-status`, 'Écarts envoyés à 1 coordonnateur(s) du projet médical');
    expect(await page.$(`button[data-send="${g.haute}"]`)).not.toBeNull();
  }, 90_000);

  it('the PCME follows the notification to their own établissement’s gaps, and sees no other member', async () => {
    const page = await openAs(browser, server.url, g.pcmeBasse);
    await page.evaluate(() => (location.hash = '#/notifications'));
    await waitText(page, '.notification', 'Cohérence avec le PMP : 2 écart(s) pour Hôpital de Vallée-Basse');
    await page.click('.notification-title a');
    await page.waitForSelector('#coherence-table');
    expect(await page.evaluate(() => location.hash)).toBe(`#/ght/${g.ght}/coherence/${g.basse}`);
    const columns = await page.$$eval('#coherence-table thead th[data-etablissement]', (ths) => ths.map((th) => th.getAttribute('data-etablissement')));
    expect(columns).toEqual([g.basse]);
    await waitText(page, `#etablissement-${g.basse}`, 'Filière « Santé mentale » non couverte');
    expect(await page.$('button[data-send]')).toBeNull();
    expect(await page.$eval(`#etablissement-${g.basse}`, (s) => s.classList.contains('is-focused'))).toBe(true);
  }, 60_000);

  it('in the PM, a new objectif gets a suggestion it is not linked by, until « Lier » is pressed; the coordinator links the chapter', async () => {
    const page = await openAs(browser, server.url, g.pcmeBasse);
    await page.evaluate((id) => (location.hash = `#/projets/${id}/sections/objectifs-medicaux`), g.pmBasse);
    await page.waitForSelector('.block-objectifs .pmp-link:not([hidden]) select');
    const count = await page.$$eval('.block-objectifs li.objective', (lis) => lis.length);
    await page.click('.block-objectifs .block-actions button');
    await page.waitForFunction((n) => document.querySelectorAll('.block-objectifs li.objective').length === n + 1, {}, count);
    await page.keyboard.type('Renforcer la santé mentale de proximité');
    const fresh = `.block-objectifs li.objective:nth-last-child(1)`;
    await waitText(page, `${fresh} .pmp-suggestion`, 'Suggestion : Filière : Santé mentale');
    const options = await page.$$eval(`${fresh} .pmp-link select option`, (os) => os.map((o) => o.textContent));
    expect(options).toEqual(expect.arrayContaining(['— aucun lien —', 'Filière : Cardiologie', 'Filière : Gériatrie', 'Filière : Santé mentale']));
    const linkOf = () =>
      [...objectifsMap(server.deps.registry.get(g.pmBasse).doc).values()]
        .find((o) => String(o.get('label')).includes('Renforcer la santé mentale'))
        ?.get(pmpItemField);
    // Typed and suggested, not linked.
    await new Promise((r) => setTimeout(r, 500));
    expect(linkOf()).toBeUndefined();
    await page.click(`${fresh} .pmp-suggestion button`);
    for (let i = 0; i < 50 && linkOf() !== g.filieres.psy; i++) await new Promise((r) => setTimeout(r, 100));
    expect(linkOf()).toBe(g.filieres.psy);
    expect(await page.$eval(`${fresh} .pmp-link select`, (s) => (s as HTMLSelectElement).value)).toBe(g.filieres.psy);

    // The chapter itself, linked by its coordinator (the outline is the server's: a PATCH).
    await page.waitForSelector('.chapter-pmp-link:not([hidden]) select');
    await page.select('.chapter-pmp-link select', g.filieres.psy);
    await waitText(page, '.section-meta', 'Chapitre relié au PMP.');
    const chapterLink = () => sectionEntry(server.deps.registry.get(g.pmBasse).doc, 'objectifs-medicaux')?.get('pmpItemId');
    for (let i = 0; i < 50 && chapterLink() !== g.filieres.psy; i++) await new Promise((r) => setTimeout(r, 100));
    expect(chapterLink()).toBe(g.filieres.psy);
  }, 60_000);
});
