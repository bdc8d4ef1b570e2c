import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { mountCollab } from './collab/upgrade';
import { createCollabHooks } from './collab/collabHooks';
import { OpenSocketIndex } from './collab/openSockets';
import { DocumentRegistry } from './collab/registry';
import { DocumentTextIndex } from './queries/documentTextIndex';
import { CloseCode, closeReason } from '../schemas/api/closeCodes';
import { limits } from '../schemas/limits';
import type { Config } from './config';
import type { Deps } from './deps';
import { bootstrapAdmin } from './commands/accounts';
import { createHttpApp } from './http/app';
import { DocxRenderer } from './export/docx/docxRenderer';
import { ImportConverter } from './import/importConverter';
import { PdfRenderer } from './export/pdf/pdfRenderer';
import { ExportScheduler } from './export/scheduler';
import { UserExportSlots } from './export/userSlots';
import { createMailer } from './governance/mailer';
import { startReminderTimer } from './commands/reminders';
import { watchMentions } from './commands/mentions';
import { createLogger } from './log';
import { createPolicy } from './policies/can';
import { seedDemo, type DemoLogin } from './seed/demo';
import { openDatabase } from './store/db';
import { DiskSpace } from './store/diskSpace';
import type { Checkpointer } from './store/checkpointer';
import { startStoreThread, type StoreThread } from './store/storeThread';
import { createStore, type Store } from './store';
import { startBackupSchedule, type BackupSchedule } from './backup/schedule';
import { createMetrics } from './metrics/metrics';

export interface RunningServer {
  url: string;
  port: number;
  deps: Deps;
  /** The loaded documents with what only the collaboration sees of them (presence, connections). */
  registry: DocumentRegistry;
  demoLogins: DemoLogin[];
  /** The background WAL checkpointer (tests wait on its passes). */
  checkpointer: Checkpointer;
  /** The store thread (tests break its connection, or end it, as a fault would). */
  storeThread: StoreThread;
  /** Scheduled backups (PMP_BACKUP_DIR), when configured. */
  backups: BackupSchedule | null;
  close(): Promise<void>;
}

/** Opens the store, seeds it if asked, and serves HTTP and the collaboration endpoint. */
export async function startServer(config: Config): Promise<RunningServer> {
  const logger = createLogger(config.logLevel);
  const db = openDatabase(config.dataDir);
  // First: the journal's timed moves into the database run in it (it starts on the first need).
  const storeThread = startStoreThread(db, { checkpointIntervalMs: config.checkpointIntervalMs, idleMs: config.storeThreadIdleMs, logger });
  const { checkpointer, compactor, stop: stopStoreThread } = storeThread;
  let store: Store;
  try {
    store = createStore(db, {
      file: path.join(config.dataDir, 'pmp.journal'),
      drainIntervalMs: config.journalDrainMs,
      logger,
      disk: new DiskSpace(config.dataDir, () => config.minFreeBytes),
      drainer: storeThread.drainer,
    });
  } catch (error) {
    // A journal that is not one (refused rather than overwritten): nothing is left running.
    await stopStoreThread();
    db.close();
    throw error;
  }
  const policy = createPolicy(store);
  const registry = new DocumentRegistry(store.documents, {
    idleMs: config.docIdleMs,
    maxDocumentBytes: limits.maxDocumentBytes,
    compactEvery: config.compactEvery,
    logger,
    compactor,
    // A document that loading had to repair is part of the record: who may have written what.
    onRepair: (docName, repaired) =>
      store.audit.append({ actorId: null, actorName: 'serveur', action: 'document.repaired', projectId: docName, details: { repaired } }),
  });
  const scheduler = new ExportScheduler({ concurrency: { pdf: config.exportConcurrency, docx: config.exportDocxConcurrency }, maxWaiting: config.exportQueue });
  const pdf = new PdfRenderer({ chromiumPath: config.chromiumPath, timeoutMs: config.exportTimeoutMs, scheduler, logger });
  const docx = new DocxRenderer({ timeoutMs: config.exportTimeoutMs, scheduler, logger });
  const sockets = new OpenSocketIndex();
  const mailer = createMailer(config);
  const textIndex = new DocumentTextIndex(registry, store.documents);
  const importConverter = new ImportConverter(logger);
  const deps: Deps = { config, store, policy, registry, sockets, logger, pdf, docx, exportSlots: new UserExportSlots(), importConverter, mailer, textIndex };
  registry.onLoad((projectId, doc) => watchMentions(deps, projectId, doc));

  await bootstrapAdmin(deps);
  const demoLogins = config.demo ? await seedDemo(deps) : [];

  // Node checks header and request timeouts on this interval (30 s by default): a slowloris
  // socket lives at most headersTimeout + interval.
  const connectionsCheckingInterval = Math.min(30_000, Math.max(50, Math.floor(config.headersTimeoutMs / 4)));
  const backups = config.backup
    ? startBackupSchedule({
        dataDir: config.dataDir,
        backupDir: config.backup.dir,
        intervalMs: config.backup.intervalMs,
        keep: config.backup.keep,
        logger,
        startDelayMs: 10_000,
      })
    : null;
  const metrics = createMetrics({
    loadedDocuments: () => registry.loadedCount,
    connections: () => registry.connectionCount,
    updatesCommitted: () => registry.committedUpdates,
    journalLag: () => store.documents.lag(),
    exports: () => [
      { kind: 'pdf', ...pdf.stats() },
      { kind: 'docx', ...docx.stats() },
    ],
    diskFreeBytes: () => store.disk.freeBytes(),
    lastBackupAt: () => backups?.lastBackupAt() ?? null,
  });
  const server = http.createServer({ connectionsCheckingInterval }, createHttpApp(deps, { metrics }));
  server.headersTimeout = config.headersTimeoutMs;
  server.requestTimeout = Math.max(60_000, config.headersTimeoutMs);
  const hooks = createCollabHooks({ store, policy, logger });
  const wss = mountCollab(server, { hooks, registry, sockets, logger, pingIntervalMs: config.pingIntervalMs });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  const stopReminders = startReminderTimer(deps, mailer, config.reminderIntervalMs);

  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= new Promise<void>((resolve) => {
      for (const client of wss.clients) client.close(CloseCode.goingAway, closeReason.goingAway);
      wss.close();
      server.close(() => resolve());
      server.closeAllConnections();
    })
      .then(async () => {
        stopReminders();
        await backups?.stop();
        mailer?.close();
        registry.closeAll();
        store.documents.close();
        // Compactions already asked for finish first; then the thread's connection closes.
        await stopStoreThread();
        store.close();
      })
      .then(async () => {
        await Promise.all([pdf.close(), docx.close(), importConverter.close()]);
      }));

  return { url: `http://localhost:${port}`, port, deps, registry, demoLogins, checkpointer, storeThread, backups, close };
}
