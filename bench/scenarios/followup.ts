import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fillSampleContent } from '../../fixtures/sampleDocument';
import { modalities } from '../../schemas/modalities';
import { etablissementsOf } from '../../schemas/structured';
import { addEtape, addFicheAction, addFiliere, addIndicator, setMatrixCell } from '../../schemas/structuredEdits';
import { adoptPmpVersion } from '../../test/helpers/coherenceGht';
import { freeze } from '../../test/helpers/exportFixtures';
import { probeHealth } from '../../test/helpers/healthProbe';
import { startTestServer, type TestServer } from '../../test/helpers/testServer';
import { median } from '../lib/stats';

/**
 * The follow-up dashboard of a big adopted PMP (issue 24): `indicators` indicators (in
 * fiches-actions of 5, 6 per filière) with `years` yearly values each, through the real HTTP API
 * of an in-process server: `GET /api/projects/:id/followup` (the screen's data), one chart
 * (`GET …/chart.svg`, each image the screen shows as it comes into view) drawn the first time and
 * again, one value entered (`PUT …/values/:year`), and the bilan annuel made (every chart as PNG,
 * drawn in a worker thread; text pre-filled) while another thread sends `GET /api/health` every
 * 25 ms: how long the serving thread takes to answer meanwhile, and how busy it is (its event-loop
 * utilisation; the server runs in the bench's thread).
 */
export interface FollowupBenchResult {
  indicators: number;
  years: number;
  runs: number;
  /** JSON size of the dashboard's answer. */
  bytes: number;
  getMs: { median: number; p95: number; max: number };
  chartFirstMs: { median: number; p95: number; max: number };
  chartAgainMs: { median: number; p95: number; max: number };
  putMs: { median: number; p95: number };
  bilanMs: number;
  /** /api/health answered during the bilan: how many, and how long each took. */
  bilanHealth: { answers: number; median: number; p95: number; max: number };
  /** Share of the bilan's time the serving thread was busy (event-loop utilisation, 0–1). */
  bilanServingBusy: number;
}

const p95 = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * 0.95))]!;
const summary = (values: number[]) => ({ median: median(values), p95: p95(values), max: Math.max(...values) });
const units = [
  ['40 %', '65 %'],
  ['10 jours', '5 jours'],
  ['1 000 000 €', '600 000 €'],
  ['120', '220'],
] as const;

async function bigAdoptedPmp(server: TestServer, indicators: number, startYear: number): Promise<{ projectId: string; ids: string[] }> {
  const orgs = server.deps.store.organisations;
  const ght = orgs.create({ name: 'GHT du banc d’essai', kind: 'GHT' });
  orgs.create({ name: 'CH du banc d’essai', kind: 'etablissement', parentId: ght, isSupport: true });
  orgs.create({ name: 'Hôpital du banc d’essai', kind: 'etablissement', parentId: ght });
  const ars = orgs.create({ name: 'ARS du banc d’essai', kind: 'ARS' });
  server.deps.store.submissions.setArs(ght, ars);
  orgs.createInstance(ght, 'DIRECTION', 'Direction du GHT');
  const arsReader = await server.user('Lecteur ARS');
  orgs.grantRole(ars, arsReader.id, 'ars_reader');
  const created = await server.api('POST', '/api/projects', {
    cookie: server.adminCookie,
    body: { kind: 'PMP', title: `PMP du banc d’essai ${startYear}–${startYear + 4}`, organisationId: ght, period: { startYear, endYear: startYear + 4 } },
  });
  if (created.status !== 201) throw new Error(`project: ${created.status}`);
  const projectId = created.body.id as string;
  const ids: string[] = [];
  server.deps.registry.get(projectId).change((doc) => {
    fillSampleContent(doc, 3);
    const fiches = Math.ceil(indicators / 5);
    let filiere = '';
    for (let f = 0; f < fiches; f++) {
      if (f % 6 === 0) {
        filiere = addFiliere(doc, 'filieres', `Filière ${f / 6 + 1}`);
        for (const e of etablissementsOf(doc)) for (const m of modalities) setMatrixCell(doc, filiere, m.id, e.id, 'Organisation graduée.');
      }
      const fiche = addFicheAction(doc, 'filieres', {
        title: `Fiche-action ${f + 1}`,
        filiereId: filiere,
        objectif: 'Objectif opérationnel',
        piloteMedical: 'Dr Pilote',
      });
      for (let e = 0; e < 3; e++) addEtape(doc, fiche, `Étape ${e + 1}`, `${startYear + e}-06-30`);
      for (let i = 0; i < 5 && ids.length < indicators; i++) {
        const [origine, cible] = units[ids.length % units.length]!;
        ids.push(
          addIndicator(doc, fiche, {
            indicateur: `Indicateur ${ids.length + 1}`,
            methode: 'Calcul annuel',
            valeurOrigine: origine,
            dateOrigine: `${startYear - 1}-12-31`,
            valeurCible: cible,
            dateCible: `${startYear + 4}-12-31`,
          }),
        );
      }
    }
  });
  const version = await freeze(server, projectId, 'Version adoptée');
  await adoptPmpVersion(server, { ght, pmpId: projectId, versionId: version.id, arsReader: { ...arsReader, password: '' } });
  return { projectId, ids };
}

export async function runFollowupBench(options: { indicators?: number; years?: number; runs?: number } = {}): Promise<FollowupBenchResult> {
  const indicators = options.indicators ?? 300;
  const years = options.years ?? 5;
  const runs = options.runs ?? 20;
  const currentYear = new Date().getFullYear();
  const startYear = currentYear - years + 1;
  const server = await startTestServer({ exportQueue: 1 });
  try {
    const { projectId, ids } = await bigAdoptedPmp(server, indicators, startYear);
    const adminId = (await server.api('GET', '/api/me', { cookie: server.adminCookie })).body.id as string;
    ids.forEach((indicatorId, n) => {
      for (let y = 0; y < years; y++) {
        const value = n % 4 === 0 ? 40 + 5 * y : n % 4 === 1 ? 10 - y : n % 4 === 2 ? 1_000_000 - 80_000 * y : 120 + 20 * y;
        server.deps.store.followup.setValue(projectId, {
          indicatorId,
          year: startYear + y,
          value,
          date: null,
          source: 'PMSI',
          comment: null,
          enteredBy: adminId,
        });
      }
    });
    const time = async (url: string): Promise<{ ms: number; bytes: number }> => {
      const t = performance.now();
      const res = await server.api('GET', url, { cookie: server.adminCookie });
      if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
      return { ms: performance.now() - t, bytes: JSON.stringify(res.body).length };
    };
    await time(`/api/projects/${projectId}/followup`);
    const plain: number[] = [];
    let plainBytes = 0;
    for (let r = 0; r < runs; r++) {
      const { ms, bytes } = await time(`/api/projects/${projectId}/followup`);
      plain.push(ms);
      plainBytes = bytes;
    }
    const chart = async (indicatorId: string): Promise<number> => {
      const t = performance.now();
      const res = await fetch(`${server.url}/api/projects/${projectId}/followup/indicators/${indicatorId}/chart.svg`, {
        headers: { cookie: server.adminCookie },
      });
      if (res.status !== 200) throw new Error(`chart: ${res.status}`);
      await res.text();
      return performance.now() - t;
    };
    const chartFirst: number[] = [];
    for (let r = 0; r < runs; r++) chartFirst.push(await chart(ids[r]!));
    const chartAgain: number[] = [];
    for (let r = 0; r < runs; r++) chartAgain.push(await chart(ids[r]!));
    const puts: number[] = [];
    for (let r = 0; r < runs; r++) {
      const t = performance.now();
      const res = await server.api('PUT', `/api/projects/${projectId}/followup/indicators/${ids[r % ids.length]}/values/${currentYear}`, {
        cookie: server.adminCookie,
        body: { value: 50 },
      });
      if (res.status !== 204) throw new Error(`put: ${res.status} ${JSON.stringify(res.body)}`);
      puts.push(performance.now() - t);
    }
    const probe = await probeHealth(server.url);
    const idle = performance.eventLoopUtilization();
    const t = performance.now();
    const bilan = await server.api('POST', `/api/projects/${projectId}/bilans`, { cookie: server.adminCookie, body: { year: currentYear } });
    const bilanMs = performance.now() - t;
    const bilanServingBusy = performance.eventLoopUtilization(idle).utilization;
    const health = (await probe.stop()).map((answer) => answer.ms);
    if (bilan.status !== 201) throw new Error(`bilan: ${bilan.status} ${JSON.stringify(bilan.body)}`);
    const { median: putMedian, p95: putP95 } = summary(puts);
    return {
      indicators,
      years,
      runs,
      bytes: plainBytes,
      getMs: summary(plain),
      chartFirstMs: summary(chartFirst),
      chartAgainMs: summary(chartAgain),
      putMs: { median: putMedian, p95: putP95 },
      bilanMs,
      bilanHealth: { answers: health.length, ...summary(health) },
      bilanServingBusy,
    };
  } finally {
    await server.close();
    fs.rmSync(server.dataDir, { recursive: true, force: true });
  }
}

export function followupMarkdown(r: FollowupBenchResult): string {
  const ms = (v: number) => `${v.toFixed(0)} ms`;
  return [
    `A PMP with ${r.indicators} indicators (fiches-actions of 5, 6 per filière) and ${r.years} yearly values each, adopted through its whole path, read through the HTTP API of an in-process server (${r.runs} runs; the first read unmeasured).`,
    '',
    '| request | median | p95 | max | answer |',
    '|---|---|---|---|---|',
    `| \`GET /api/projects/:id/followup\` (dashboard data) | ${ms(r.getMs.median)} | ${ms(r.getMs.p95)} | ${ms(r.getMs.max)} | ${(r.bytes / 1024).toFixed(0)} KiB |`,
    `| \`GET …/indicators/:id/chart.svg\`, first drawing | ${ms(r.chartFirstMs.median)} | ${ms(r.chartFirstMs.p95)} | ${ms(r.chartFirstMs.max)} | |`,
    `| \`GET …/indicators/:id/chart.svg\`, drawn before | ${ms(r.chartAgainMs.median)} | ${ms(r.chartAgainMs.p95)} | ${ms(r.chartAgainMs.max)} | |`,
    `| \`PUT …/values/:year\` (one value) | ${ms(r.putMs.median)} | ${ms(r.putMs.p95)} | | |`,
    `| \`POST …/bilans\` (bilan annuel, ${r.indicators} charts as PNG in a worker thread) | ${ms(r.bilanMs)} | | | |`,
    `| \`GET /api/health\` every 25 ms during the bilan (${r.bilanHealth.answers} answers) | ${ms(r.bilanHealth.median)} | ${ms(r.bilanHealth.p95)} | ${ms(r.bilanHealth.max)} | |`,
    '',
    `Serving thread busy ${(r.bilanServingBusy * 100).toFixed(0)} % of the bilan's time (event-loop utilisation).`,
  ].join('\n');
}
