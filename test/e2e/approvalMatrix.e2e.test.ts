import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'puppeteer-core';
import type { Timeline } from '../../schemas/api/governanceViews';
import { demoPassword } from '../../server/seed/demo';
import { startDemoSession, type DemoSession } from '../helpers/demoSession';
import { openAs } from '../helpers/browserSession';
import type { TestServer } from '../helpers/testServer';

/**
 * Issue 20, finding 10: « The approval timeline is 3,751 px of list; a PMP with three
 * établissements reads better as a table with établissements as columns and instances as rows,
 * each cell the act's status. » On the demo PMP, at 360 px: the table scrolls sideways inside its
 * frame, the page never does.
 */
let demo: DemoSession;
let server: TestServer;
let browser: Browser;
let pmpId: string;
let timeline: Timeline;

beforeAll(async () => {
  demo = await startDemoSession();
  ({ server, browser, pmpId } = demo);
  timeline = (await server.api('GET', `/api/projects/${pmpId}/timeline`, { cookie: demo.cookie })).body;
}, 120_000);
afterAll(async () => {
  await demo?.close();
});

describe('the établissement × instance view of the approval path', () => {
  it('shows the demo PMP’s établissements as columns, its instances as rows, each cell the step’s status, within 360 px', async () => {
    // Three hospitals and, since the médico-social members joined the demo, an EHPAD.
    expect(timeline.etablissements.length).toBeGreaterThanOrEqual(3);
    const page = await openAs(browser, server.url, { email: 'claire.martin@demo.ght.fr', password: demoPassword });
    await page.setViewport({ width: 360, height: 800, isMobile: true, hasTouch: true });
    await page.evaluate((hash) => {
      location.hash = hash;
    }, `#/projets/${pmpId}/calendrier`);
    await page.waitForSelector('.approval-matrix');
    const columns = await page.$$eval('.approval-matrix thead th', (ths) => ths.map((th) => th.textContent));
    expect(columns.slice(0, 2)).toEqual(['Instance', 'Groupement']);
    expect(columns.slice(2)).toEqual(timeline.etablissements.map((e) => e.name));
    const rows = await page.$$eval('.approval-matrix tbody tr', (trs) => trs.map((tr) => tr.querySelector('th')!.textContent));
    expect(rows).toContain('Avis · CME');
    expect(rows.length).toBeGreaterThanOrEqual(4);

    // Each cell says what the API says of the step it stands for.
    const cells = await page.$$eval('.approval-matrix td[data-step-id]', (tds) =>
      tds.map((td) => ({ step: td.getAttribute('data-step-id'), status: td.getAttribute('data-status'), text: td.textContent })),
    );
    expect(cells.length).toBeGreaterThanOrEqual(3 * 2);
    for (const cell of cells) {
      const steps = timeline.steps.filter((s) => s.stepId === cell.step);
      expect(
        steps.map((s) => s.status),
        cell.step ?? '',
      ).toContain(cell.status);
    }
    // The CME's avis is owed by each hospital (not by the EHPAD, which has no CME): « non requis » there.
    const cme = await page.$$eval('.approval-matrix tbody tr[data-row="avis|CME"] td', (tds) => tds.map((td) => td.getAttribute('data-status')));
    const owed = timeline.etablissements.map(
      (e) => timeline.steps.find((s) => s.act === 'avis' && s.instanceKinds.join() === 'CME' && s.organisationId === e.id)?.status ?? 'none',
    );
    expect(cme).toEqual(['none', ...owed]);
    expect(owed.filter((status) => status !== 'none').length).toBeGreaterThanOrEqual(3);

    // 360 px: the frame scrolls, the page does not.
    const widths = await page.evaluate(() => {
      // On a phone the table is its own scrolling box (styles.css), inside the frame that is one elsewhere.
      const frame = document.querySelector('.approval-matrix-scroll') as HTMLElement;
      const table = frame.querySelector('table') as HTMLElement;
      const inside = Math.max(frame.scrollWidth - frame.clientWidth, table.scrollWidth - table.clientWidth);
      return { page: document.documentElement.scrollWidth - document.documentElement.clientWidth, inside };
    });
    expect(widths.page).toBe(0);
    expect(widths.inside).toBeGreaterThan(0);
    await page.close();
  }, 60_000);
});
