import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartThreadStats } from '../../server/export/charts/chartThread';
import { adoptedPmp, type AdoptedPmp } from '../helpers/followupFixtures';
import { probeHealth } from '../helpers/healthProbe';
import { startTestServer, type TestServer } from '../helpers/testServer';

/**
 * Issue 24, the bilan of a big PMP: its charts (ECharts' SVG, then a PNG by resvg, tens of
 * milliseconds each) are drawn in a worker thread, not on the serving thread, which answers
 * meanwhile. The server runs in this thread (in-process), so this thread's event-loop
 * utilisation while the bilan is made is the serving thread's: with 80 charts drawn on it, it
 * was busy nearly all the time.
 */
let server: TestServer;
let pmp: AdoptedPmp;
const extra = 80;
/** Every indicator of the adopted version: the fixture's, the sample content's and the extra ones. */
let total = 0;

beforeAll(async () => {
  server = await startTestServer({ exportQueue: 1 });
  const pilot = await server.user('Sophie Lambert');
  pmp = await adoptedPmp(server, { name: 'Hurepoix', pilotMedicalId: pilot.id, extraIndicators: extra });
  const adminId = (await server.api('GET', '/api/me', { cookie: server.adminCookie })).body.id as string;
  const followup = await server.api('GET', `/api/projects/${pmp.projectId}/followup`, { cookie: server.adminCookie });
  total = followup.body.indicators.length;
  for (const [n, indicator] of (followup.body.indicators as { id: string }[]).entries()) {
    for (const year of [2025, 2026])
      server.deps.store.followup.setValue(pmp.projectId, {
        indicatorId: indicator.id,
        year,
        value: 40 + (n % 10) + year - 2025,
        date: null,
        source: null,
        comment: null,
        enteredBy: adminId,
      });
  }
}, 180_000);

afterAll(async () => {
  await server?.close();
});

describe('the bilan’s charts off the serving thread', () => {
  it('draws every chart in a worker thread while the serving thread answers', async () => {
    const before = { ...chartThreadStats };
    const probe = await probeHealth(server.url);
    const idleBefore = performance.eventLoopUtilization();
    const made = await server.api('POST', `/api/projects/${pmp.projectId}/bilans`, { cookie: server.adminCookie, body: { year: 2026 } });
    const busy = performance.eventLoopUtilization(idleBefore);
    const health = (await probe.stop()).map((answer) => answer.ms);
    expect(made.status).toBe(201);
    expect(chartThreadStats.charts - before.charts).toBe(total);
    expect(chartThreadStats.failed).toBe(before.failed);
    // The charts are images stored with the bilan (the same chart once: ten distinct series here, and the fiches').
    expect(server.deps.store.images.hashes(made.body.id).length).toBeGreaterThanOrEqual(10);
    console.log(
      `bilan of ${total} indicators: serving thread busy ${(busy.utilization * 100).toFixed(0)} % of ${busy.active.toFixed(0)} ms active, /api/health answered ${health.length} times, longest ${Math.max(...health).toFixed(0)} ms`,
    );
    expect(busy.utilization).toBeLessThan(0.5);
  }, 180_000);
});
