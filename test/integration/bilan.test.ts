import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { download, pdfImages, pdfPages, unzip } from '../helpers/exportFixtures';
import { adoptedPmp, type AdoptedPmp } from '../helpers/followupFixtures';
import { pixelsOfColour, renderPdfPage } from '../helpers/pdfPixels';
import { startTestServer, type TestServer } from '../helpers/testServer';

/**
 * Issue 24, done when (the same on the demo's PMP: demoFollowup.test.ts): an adopted PMP goes through two years of values; the statuses match
 * trajectories computed by hand; the bilan annuel is generated, and its PDF holds the values
 * (pdftotext) and the charts (a rendered page is not blank where the chart is: the chart's own
 * colours are drawn there). Its DOCX carries the charts too.
 *
 * Every indicator runs from 31/12/2024 to 31/12/2029: 1 826 days (2028 is a leap year).
 * A value without a date is dated 31/12 of its year: 2025 → 365 days, 2026 → 730 days.
 */
let server: TestServer;
let pmp: AdoptedPmp;
let pilot: { id: string; cookie: string };
let reader: { id: string; cookie: string };
let bilanId: string;
let pdf: Buffer;

const span = 1826;
const followup = async () => (await server.api('GET', `/api/projects/${pmp.projectId}/followup`, { cookie: server.adminCookie })).body;
const indicator = (body: { indicators: { id: string }[] }, id: string) =>
  body.indicators.find((i) => i.id === id) as unknown as { status: string; expected: number | null; values: unknown[] };

async function enter(cookie: string, indicatorId: string, year: number, body: Record<string, unknown>): Promise<void> {
  const res = await server.api('PUT', `/api/projects/${pmp.projectId}/followup/indicators/${indicatorId}/values/${year}`, { cookie, body });
  if (res.status !== 204) throw new Error(`${indicatorId} ${year}: ${res.status} ${JSON.stringify(res.body)}`);
}

beforeAll(async () => {
  server = await startTestServer({ exportQueue: 1 });
  pilot = await server.user('Sophie Lambert');
  reader = await server.user('Lecteur du bilan');
  pmp = await adoptedPmp(server, { name: 'Val-d’Yerres', pilotMedicalId: pilot.id });
  for (const [who, role] of [
    [pilot, 'editor'],
    [reader, 'reader'],
  ] as const) {
    expect((await server.api('PUT', `/api/projects/${pmp.projectId}/members/${who.id}`, { cookie: server.adminCookie, body: { role } })).status).toBe(204);
  }
}, 180_000);

afterAll(async () => {
  await server?.close();
});

describe('an adopted PMP through two years of values, then its bilan annuel', () => {
  it('year one: statuses match the trajectories computed by hand', async () => {
    await enter(pilot.cookie, pmp.indicators.ambulatoire, 2025, { value: 45, source: 'PMSI' });
    await enter(server.adminCookie, pmp.indicators.delai, 2025, { value: 9 });
    await enter(pilot.cookie, pmp.indicators.sejours, 2025, { value: 150 });
    const body = await followup();
    // 40 → 65 %: expected 40 + 25 × 365/1826 = 44.997; 45 reached it.
    expect(indicator(body, pmp.indicators.ambulatoire)).toMatchObject({ status: 'on_track' });
    expect(indicator(body, pmp.indicators.ambulatoire).expected).toBeCloseTo(40 + (25 * 365) / span, 6);
    // 10 → 5 j (down): expected 10 − 5 × 365/1826 = 9.0005; 9 is below it.
    expect(indicator(body, pmp.indicators.delai)).toMatchObject({ status: 'on_track' });
    expect(indicator(body, pmp.indicators.delai).expected).toBeCloseTo(10 - (5 * 365) / span, 6);
    // 120 → 220: expected 139.99; 150 is above it.
    expect(indicator(body, pmp.indicators.sejours)).toMatchObject({ status: 'on_track' });
    expect(indicator(body, pmp.indicators.budget)).toMatchObject({ status: 'no_data', values: [] });
  });

  it('year two: at risk within 10 % of the gap, off track beyond, no data without a dated baseline', async () => {
    await enter(pilot.cookie, pmp.indicators.ambulatoire, 2026, { value: '48 %', date: '2026-11-30', comment: 'Circuit ouvert en septembre' });
    await enter(server.adminCookie, pmp.indicators.delai, 2026, { value: '9,5 jours' });
    await enter(pilot.cookie, pmp.indicators.sejours, 2026, { value: 155 });
    await enter(server.adminCookie, pmp.indicators.budget, 2026, { value: '700 000 €' });
    await enter(server.adminCookie, pmp.indicators.depistage, 2026, { value: 55 });
    const body = await followup();
    // On 30/11/2026 (699 days): expected 40 + 25 × 699/1826 = 49.57; 48 is 1.57 short, within 2.5.
    expect(indicator(body, pmp.indicators.ambulatoire)).toMatchObject({ status: 'at_risk' });
    expect(indicator(body, pmp.indicators.ambulatoire).expected).toBeCloseTo(40 + (25 * 699) / span, 6);
    // Expected 10 − 5 × 730/1826 = 8.001; 9.5 is 1.499 above it, beyond 0.5.
    expect(indicator(body, pmp.indicators.delai)).toMatchObject({ status: 'off_track' });
    // Expected 120 + 100 × 730/1826 = 159.98; 155 is 4.98 short, within 10.
    expect(indicator(body, pmp.indicators.sejours)).toMatchObject({ status: 'at_risk' });
    // 1 000 000 → 500 000 €: expected 800 109.5; 700 000 is ahead.
    expect(indicator(body, pmp.indicators.budget)).toMatchObject({ status: 'on_track' });
    // Baseline « à établir »: no trajectory.
    expect(indicator(body, pmp.indicators.depistage)).toMatchObject({ status: 'no_data' });
    // The étape done on time, the other late.
    const done = await server.api('PUT', `/api/projects/${pmp.projectId}/followup/fiches/${pmp.fiches.cancer}/etapes/${pmp.etapes.cancerDone}`, {
      cookie: pilot.cookie,
      body: { doneOn: '2025-06-20' },
    });
    expect(done.status).toBe(204);
  });

  it('only the coordinators make the bilan; one per year; never before adoption', async () => {
    expect((await server.api('POST', `/api/projects/${pmp.projectId}/bilans`, { cookie: pilot.cookie, body: { year: 2026 } })).status).toBe(403);
    expect((await server.api('POST', `/api/projects/${pmp.projectId}/bilans`, { cookie: reader.cookie, body: { year: 2026 } })).status).toBe(403);
    const late = await server.api('POST', `/api/projects/${pmp.projectId}/bilans`, { cookie: server.adminCookie, body: { year: 2031 } });
    expect(late.status).toBe(400);
    expect(late.body.error.fields[0].path).toBe('year');
    const draft = await server.api('POST', '/api/projects', { cookie: server.adminCookie, body: { kind: 'PMP', title: 'PMP non adopté' } });
    expect((await server.api('POST', `/api/projects/${draft.body.id}/bilans`, { cookie: server.adminCookie, body: { year: 2026 } })).body.error.code).toBe(
      'not_adopted',
    );
    // A bilan is made from its project, never created on its own.
    expect((await server.api('POST', '/api/projects', { cookie: server.adminCookie, body: { kind: 'BILAN', title: 'Bilan à la main' } })).status).toBe(400);

    const res = await server.api('POST', `/api/projects/${pmp.projectId}/bilans`, { cookie: server.adminCookie, body: { year: 2026 } });
    expect(res.status).toBe(201);
    bilanId = res.body.id;
    const again = await server.api('POST', `/api/projects/${pmp.projectId}/bilans`, { cookie: server.adminCookie, body: { year: 2026 } });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'bilan_exists', bilanId });
    const project = await server.api('GET', `/api/projects/${bilanId}`, { cookie: reader.cookie });
    expect(project.body).toMatchObject({ kind: 'BILAN', title: expect.stringMatching(/^Bilan annuel 2026 du PMP — /), role: 'reader' });
    const list = await server.api('GET', `/api/projects/${pmp.projectId}/bilans`, { cookie: reader.cookie });
    expect(list.body).toMatchObject([{ id: bilanId, year: 2026, versionId: pmp.versionId }]);
  }, 60_000);

  it('the bilan’s PDF holds the year’s values, statuses and étapes, and draws the charts', async () => {
    const res = await download(server, `/api/projects/${bilanId}/export.pdf`, server.adminCookie);
    expect(res.status).toBe(200);
    pdf = res.data;
    const text = (await pdfPages(pdf)).join('\n').replace(/\s+/g, ' ');
    for (const needle of [
      'Bilan annuel 2026 du PMP',
      'Taux de chirurgie ambulatoire du sein',
      '48 %',
      '9,5 j',
      '700 000 €',
      'À surveiller',
      'En retard',
      'En bonne voie',
      'Sans donnée',
      'Étapes faites en 2026 : aucune.',
      'Circuit patient ambulatoire ouvert — échéance du 31/03/2026 dépassée',
      'Commentaire du président de la CMG (PCMG)',
      'Trajectoire linéaire',
    ]) {
      expect(text, needle).toContain(needle);
    }
    // One chart per indicator, drawn at twice 560 × 240.
    const charts = (await pdfImages(pdf)).filter((i) => i.width === 1120 && i.height === 480);
    const total = (await followup()).indicators.length;
    expect(charts).toHaveLength(total);
    // The page of the first chart, rendered: the values' line (#1d4e89) and the target (#a34a00)
    // are drawn there, in a box the shape of a chart.
    const page = await renderPdfPage(pdf, charts[0]!.page);
    const line = pixelsOfColour(page, [0x1d, 0x4e, 0x89], 30);
    const target = pixelsOfColour(page, [0xa3, 0x4a, 0x00], 40);
    expect(line.count).toBeGreaterThan(50);
    expect(target.count).toBeGreaterThan(10);
    const box = line.box!;
    expect(box.x1 - box.x0).toBeGreaterThan(page.width / 5);
  }, 120_000);

  it('the bilan’s DOCX carries the charts as pictures', async () => {
    const res = await download(server, `/api/projects/${bilanId}/export.docx`, server.adminCookie);
    expect(res.status).toBe(200);
    const entries = await unzip(res.data);
    const media = [...entries.keys()].filter((name) => name.startsWith('word/media/'));
    expect(media.length).toBeGreaterThanOrEqual(5);
    expect(entries.get('word/document.xml')!.toString('utf8')).toContain('Bilan annuel 2026');
  }, 120_000);

  it('a bilan of an earlier year reads the follow-up as it stood then', async () => {
    const res = await server.api('POST', `/api/projects/${pmp.projectId}/bilans`, { cookie: server.adminCookie, body: { year: 2025 } });
    expect(res.status).toBe(201);
    const total = (await followup()).indicators.length;
    const { doc } = server.deps.registry.get(res.body.id);
    const synthese = doc.getXmlFragment('section:synthese').toString();
    expect(synthese).toContain(`${total} indicateur(s) : 3 en bonne voie, 0 à surveiller, 0 en retard, ${total - 3} sans donnée`);
    // The étape done in June 2025 is the 2025 bilan's; the other was not yet due on 31/12/2025.
    const fiches = doc.getXmlFragment('section:fiches-actions').toString();
    expect(fiches).toContain('Protocole commun validé — faite le 20/06/2025');
    expect(fiches).not.toContain('Circuit patient ambulatoire ouvert — échéance');
  }, 60_000);
});
