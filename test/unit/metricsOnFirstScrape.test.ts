import { describe, expect, it, vi } from 'vitest';
import type { MetricSources } from '../../server/metrics/metrics';

const sourcesWith = (updatesCommitted: () => number): MetricSources => ({
  loadedDocuments: () => 2,
  connections: () => 5,
  updatesCommitted,
  journalLag: () => ({ records: 0, bytes: 0, oldestMs: 0 }),
  exports: () => [],
  diskFreeBytes: () => 1e9,
  lastBackupAt: () => null,
});

/**
 * Issue 23 (lean idle server): prom-client is loaded by the first scrape of GET /metrics, not
 * when the server makes its metrics at start-up; the update rate still counts from start-up.
 */
describe('the metrics', () => {
  it('load prom-client on the first scrape only, and rate the updates since start-up', async () => {
    vi.resetModules();
    let loads = 0;
    vi.doMock('prom-client', async (importOriginal) => {
      loads++;
      return importOriginal();
    });
    const { createMetrics } = await import('../../server/metrics/metrics');
    let clock = 1_000_000;
    let committed = 40;
    const metrics = createMetrics(
      sourcesWith(() => committed),
      () => clock,
    );
    clock += 10_000;
    committed += 250;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(loads).toBe(0);

    const first = await metrics.scrape();
    expect(loads).toBe(1);
    expect(first.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(first.body).toMatch(/^pmp_updates_per_second\{service="pmp"\} 25$/m);
    expect(first.body).toMatch(/^pmp_updates_total\{service="pmp"\} 290$/m);
    expect(first.body).toMatch(/^pmp_collab_connections\{service="pmp"\} 5$/m);

    clock += 5_000;
    committed += 50;
    const second = await metrics.scrape();
    expect(second.body).toMatch(/^pmp_updates_per_second\{service="pmp"\} 10$/m);
    expect(loads).toBe(1);
    vi.doUnmock('prom-client');
  });

  it('try loading prom-client again at the next scrape when a load failed', async () => {
    vi.resetModules();
    let loads = 0;
    vi.doMock('prom-client', async (importOriginal) => {
      if (++loads === 1) throw new Error('EMFILE: too many open files');
      return importOriginal();
    });
    const { createMetrics } = await import('../../server/metrics/metrics');
    const metrics = createMetrics(sourcesWith(() => 0));
    // (vitest wraps the factory's error in its own.)
    await expect(metrics.scrape()).rejects.toThrow();
    const next = await metrics.scrape();
    expect(next.body).toMatch(/^pmp_collab_connections\{service="pmp"\} 5$/m);
    expect(loads).toBe(2);
    vi.doUnmock('prom-client');
  });
});
