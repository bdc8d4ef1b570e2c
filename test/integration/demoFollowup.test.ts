import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword } from '../../server/seed/demo';
import { demoAdoptedPmpTitle } from '../../server/seed/demoAdoptedContent';
import { download, pdfImages, pdfPages } from '../helpers/exportFixtures';
import { pixelsOfColour, renderPdfPage } from '../helpers/pdfPixels';
import { startTestServer, type TestServer } from '../helpers/testServer';

/**
 * Issue 24, done when: the demo's adopted PMP (seeded as `npm start` seeds it: PMP_DEMO=1) goes
 * through two years of values, 2024 and 2025, after the 2021–2023 the seed entered. Statuses
 * match trajectories computed by hand; the bilan annuel 2025 is generated and its PDF holds the
 * values (pdftotext) and the charts (a rendered page is not blank where a chart is).
 *
 * Every indicator runs from 31/12/2020 to 31/12/2025: 1 826 days (2024 is a leap year). A value
 * without a date is dated 31/12 of its year: 2024 → 1 461 days; 2025 → 1 826, the target's date.
 */
let server: TestServer;
let projectId: string;
let ids: Record<'passage' | 'admissions' | 'had' | 'irm' | 'cpts', string>;
const cookies: Record<'claire' | 'marc' | 'sophie' | 'julie', string> = { claire: '', marc: '', sophie: '', julie: '' };
let bilanId: string;

const share = 1461 / 1826;
type Indicator = { id: string; label: string; status: string; expected: number | null; editable: boolean; values: { year: number }[] };
const followup = async (cookie = cookies.claire) =>
  (await server.api('GET', `/api/projects/${projectId}/followup`, { cookie })).body as {
    indicators: Indicator[];
    fiches: { id: string; title: string; etapes: { id: string; label: string }[] }[];
  };
const put = (cookie: string, indicatorId: string, year: number, value: number) =>
  server.api('PUT', `/api/projects/${projectId}/followup/indicators/${indicatorId}/values/${year}`, { cookie, body: { value, source: `Bilan ${year}` } });

/** Who enters each: the urgences fiche's pilot, the gériatrie fiche's (a coordinator too), and a coordinator for the chapter's table. */
const writers = { passage: 'sophie', admissions: 'claire', had: 'claire', irm: 'marc', cpts: 'marc' } as const;

async function enterYear(year: number, values: Record<keyof typeof ids, number>): Promise<void> {
  for (const key of Object.keys(writers) as (keyof typeof ids)[]) {
    const res = await put(cookies[writers[key]], ids[key], year, values[key]);
    if (res.status !== 204) throw new Error(`${key} ${year}: ${res.status} ${JSON.stringify(res.body)}`);
  }
}

beforeAll(async () => {
  server = await startTestServer({ demo: true, exportQueue: 1 });
  cookies.claire = await server.login('claire.martin@demo.ght.fr', demoPassword);
  cookies.marc = await server.login('marc.leroy@demo.ght.fr', demoPassword);
  cookies.sophie = await server.login('sophie.bernard@demo.ght.fr', demoPassword);
  cookies.julie = await server.login('julie.petit@demo.ght.fr', demoPassword);
  const projects = (await server.api('GET', '/api/projects', { cookie: cookies.claire })).body as { id: string; title: string }[];
  projectId = projects.find((p) => p.title === demoAdoptedPmpTitle)!.id;
  const body = await followup();
  const find = (start: string) => body.indicators.find((i) => i.label.startsWith(start))!.id;
  ids = {
    passage: find('Durée médiane de passage aux urgences'),
    admissions: find('Admissions directes'),
    had: find('Journées d’hospitalisation à domicile'),
    irm: find('Délai médian d’obtention d’une IRM'),
    cpts: find('CPTS liées'),
  };
}, 180_000);

afterAll(async () => {
  await server?.close();
});

describe('the demo PMP 2021–2025 through two years of values, then its bilan annuel', () => {
  it('is adopted out of the box: five indicators, three years of values, pilots chosen by id', async () => {
    const body = await followup(cookies.sophie);
    expect(body.indicators.map((i) => [i.label, i.values.map((v) => v.year), i.editable])).toEqual([
      ['Durée médiane de passage aux urgences', [2021, 2022, 2023], true],
      ['Admissions directes des 75 ans et plus sans passage aux urgences', [2021, 2022, 2023], false],
      ['Journées d’hospitalisation à domicile (nombre)', [2021, 2022, 2023], false],
      ['Délai médian d’obtention d’une IRM pour un patient externe', [2021, 2022, 2023], false],
      ['CPTS liées au groupement par une convention (nombre)', [2021, 2022, 2023], false],
    ]);
    // The path is complete: every required step recorded on the version, up to the ARS's receipt.
    const version = (await server.api('GET', `/api/projects/${projectId}/versions`, { cookie: cookies.claire })).body[0];
    const progress = await server.api('GET', `/api/projects/${projectId}/versions/${version.id}/progress`, { cookie: cookies.claire });
    expect(progress.body.missing).toEqual([]);
  });

  it('year 2024: statuses match the trajectories computed by hand; only pilots and coordinators write', async () => {
    // Sophie Bernard pilots the urgences fiche only; Julie Petit reads.
    expect((await put(cookies.sophie, ids.admissions, 2024, 28)).status).toBe(403);
    expect((await put(cookies.julie, ids.passage, 2024, 3.3)).status).toBe(403);
    await enterYear(2024, { passage: 3.3, admissions: 28, had: 8100, irm: 30, cpts: 2 });
    const byId = new Map((await followup()).indicators.map((i) => [i.id, i]));
    // 4,5 → 3 h (down): expected 4.5 − 1.5 × 1461/1826 = 3.29984; 3.3 is 0.00016 short, within 0.15.
    expect(byId.get(ids.passage)!.expected).toBeCloseTo(4.5 - 1.5 * share, 6);
    expect(byId.get(ids.passage)!.status).toBe('at_risk');
    // 18 → 35 %: expected 31.60; 28 is 3.6 short, beyond 1.7.
    expect(byId.get(ids.admissions)!.expected).toBeCloseTo(18 + 17 * share, 6);
    expect(byId.get(ids.admissions)!.status).toBe('off_track');
    // 4 000 → 9 000: expected 8 000.5; 8 100 reached it.
    expect(byId.get(ids.had)!.expected).toBeCloseTo(4000 + 5000 * share, 6);
    expect(byId.get(ids.had)!.status).toBe('on_track');
    // 45 → 25 j (down): expected 29.002; 30 is 0.998 short, within 2.
    expect(byId.get(ids.irm)!.expected).toBeCloseTo(45 - 20 * share, 6);
    expect(byId.get(ids.irm)!.status).toBe('at_risk');
    // 0 → 2: expected 1.6; 2 reached it.
    expect(byId.get(ids.cpts)!.status).toBe('on_track');
  });

  it('year 2025, the target’s date: the trajectory is the target itself', async () => {
    await enterYear(2025, { passage: 2.9, admissions: 33, had: 8600, irm: 31, cpts: 2 });
    const byId = new Map((await followup()).indicators.map((i) => [i.id, i]));
    expect([ids.passage, ids.admissions, ids.had, ids.irm, ids.cpts].map((id) => [byId.get(id)!.expected, byId.get(id)!.status])).toEqual([
      [3, 'on_track'], // 2,9 h is below 3 h
      [35, 'off_track'], // 2 short, beyond 1.7
      [9000, 'at_risk'], // 400 short, within 500
      [25, 'off_track'], // 6 short, beyond 2
      [2, 'on_track'],
    ]);
    // An étape done late, in 2025; another one never done.
    const fiche = (await followup()).fiches.find((f) => f.title.startsWith('Admettre directement'))!;
    const antenne = fiche.etapes.find((e) => e.label === 'Antenne d’HAD à Étampes-Juine')!;
    const done = await server.api('PUT', `/api/projects/${projectId}/followup/fiches/${fiche.id}/etapes/${antenne.id}`, {
      cookie: cookies.claire,
      body: { doneOn: '2025-02-10' },
    });
    expect(done.status).toBe(204);
  });

  it('the coordinator makes the bilan annuel 2025; its PDF holds the values and draws the charts', async () => {
    expect((await server.api('POST', `/api/projects/${projectId}/bilans`, { cookie: cookies.sophie, body: { year: 2025 } })).status).toBe(403);
    const made = await server.api('POST', `/api/projects/${projectId}/bilans`, { cookie: cookies.claire, body: { year: 2025 } });
    expect(made.status).toBe(201);
    bilanId = made.body.id;
    const res = await download(server, `/api/projects/${bilanId}/export.pdf`, cookies.claire);
    expect(res.status).toBe(200);
    const text = (await pdfPages(res.data)).join('\n').replace(/\s+/g, ' ');
    for (const needle of [
      'Bilan annuel 2025 du PMP',
      'Durée médiane de passage aux urgences',
      '2,9 h',
      '8 600',
      '31 j',
      'En bonne voie',
      'À surveiller',
      'En retard',
      'Antenne d’HAD à Étampes-Juine — faite le 10/02/2025',
      'Équipe commune d’urgentistes sur les deux sites — échéance du 31/12/2023 dépassée',
      'Commentaire du président de la CMG (PCMG)',
    ]) {
      expect(text, needle).toContain(needle);
    }
    // One chart per indicator, drawn at twice 560 × 240; the first one's page, rendered, shows
    // the values' line (#1d4e89) over a chart-wide box, and the pages of the charts the targets
    // (#a34a00; the first one's lies under its last value).
    const charts = (await pdfImages(res.data)).filter((i) => i.width === 1120 && i.height === 480);
    expect(charts).toHaveLength(5);
    const page = await renderPdfPage(res.data, charts[0]!.page);
    const line = pixelsOfColour(page, [0x1d, 0x4e, 0x89], 30);
    expect(line.count).toBeGreaterThan(50);
    const pages = await Promise.all([...new Set(charts.map((c) => c.page))].map((n) => renderPdfPage(res.data, n)));
    expect(pages.reduce((sum, p) => sum + pixelsOfColour(p, [0xa3, 0x4a, 0x00], 40).count, 0)).toBeGreaterThan(10);
    expect(line.box!.x1 - line.box!.x0).toBeGreaterThan(page.width / 5);
  }, 180_000);
});
