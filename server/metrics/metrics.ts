import type { Registry } from 'prom-client';

type PromClient = typeof import('prom-client');

/** What the metrics read, at scrape time only: nothing is counted on a keystroke's path but one addition. */
export interface MetricSources {
  loadedDocuments(): number;
  connections(): number;
  /** Updates committed (journaled, then applied and broadcast) since the start. */
  updatesCommitted(): number;
  /** Journaled updates not yet moved into SQLite, and how old the oldest is. */
  journalLag(): { records: number; bytes: number; oldestMs: number };
  exports(): { kind: 'pdf' | 'docx'; active: number; queued: number }[];
  diskFreeBytes(): number;
  /** When the newest backup of PMP_BACKUP_DIR was taken; null when none is configured or taken. */
  lastBackupAt(): Date | null;
}

/** What `GET /metrics` answers. */
export interface MetricsScrape {
  contentType: string;
  body: string;
}

export interface Metrics {
  scrape(): Promise<MetricsScrape>;
}

/**
 * The metrics of `GET /metrics`. prom-client (with the OpenTelemetry API it requires: 0.6 MiB of
 * the idle server's heap after a full collection) is loaded by the first scrape, not at start-up:
 * a server nobody scrapes never holds it (issue 23, lean idle server). The update rate is
 * measured from start-up all the same.
 */
export function createMetrics(sources: MetricSources, now: () => number = Date.now): Metrics {
  const started = { at: now(), total: sources.updatesCommitted() };
  let registry: Promise<Registry> | undefined;
  return {
    async scrape() {
      // A failed load is not kept: the next scrape tries again rather than failing for the process's life.
      registry ??= import('prom-client')
        .then((client) => buildRegistry(client, sources, now, started))
        .catch((error: unknown) => {
          registry = undefined;
          throw error;
        });
      const loaded = await registry;
      return { contentType: loaded.contentType, body: await loaded.metrics() };
    },
  };
}

/**
 * The Prometheus registry: gauges computed when scraped, and the update counter (its rate is the
 * updates per second; `pmp_updates_per_second` gives the rate since the previous scrape, or since
 * start-up, for a quick look without PromQL).
 */
function buildRegistry({ Counter, Gauge, Registry }: PromClient, sources: MetricSources, now: () => number, started: { at: number; total: number }): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service: 'pmp' });
  const gauge = (name: string, help: string, value: () => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(value());
      },
    });
  gauge('pmp_loaded_documents', 'Documents held in memory.', sources.loadedDocuments);
  gauge('pmp_collab_connections', 'Open collaboration connections (WebSocket).', sources.connections);

  let previous = started;
  new Counter({
    name: 'pmp_updates_total',
    help: 'Document updates committed (journaled, applied, broadcast) since the server started.',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(sources.updatesCommitted());
    },
  });
  gauge('pmp_updates_per_second', 'Updates committed per second since the previous scrape.', () => {
    const current = { at: now(), total: sources.updatesCommitted() };
    const seconds = (current.at - previous.at) / 1000;
    const rate = seconds > 0 ? (current.total - previous.total) / seconds : 0;
    previous = current;
    return rate;
  });
  gauge('pmp_journal_pending_updates', 'Updates in the journal file not yet moved into SQLite.', () => sources.journalLag().records);
  gauge('pmp_journal_pending_bytes', 'Bytes of those updates.', () => sources.journalLag().bytes);
  gauge('pmp_journal_lag_seconds', 'Age of the oldest update not yet moved into SQLite (0 when none waits).', () => sources.journalLag().oldestMs / 1000);
  new Gauge({
    name: 'pmp_export_jobs',
    help: 'Exports running and waiting, by format.',
    labelNames: ['format', 'state'] as const,
    registers: [registry],
    collect() {
      for (const line of sources.exports()) {
        this.set({ format: line.kind, state: 'active' }, line.active);
        this.set({ format: line.kind, state: 'queued' }, line.queued);
      }
    },
  });
  gauge('pmp_disk_free_bytes', 'Free space of the data directory.', sources.diskFreeBytes);
  // Labelled so that the series is absent, not 0 (a fresh backup), when there is none:
  // `absent(pmp_backup_age_seconds)` then alerts as well as a large age does.
  new Gauge({
    name: 'pmp_backup_age_seconds',
    help: 'Age of the newest backup in PMP_BACKUP_DIR (absent when there is none).',
    labelNames: ['backup'] as const,
    registers: [registry],
    collect() {
      this.reset();
      const at = sources.lastBackupAt();
      if (at) this.set({ backup: 'newest' }, (now() - at.getTime()) / 1000);
    },
  });
  return registry;
}
