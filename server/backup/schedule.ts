import { Worker } from 'node:worker_threads';
import type { Logger } from '../log';
import { workerEntry } from '../workerEntry';
import type { BackupJob, BackupOutcome } from './backupWorker';
import { lastBackupTime } from './retention';

export interface BackupScheduleOptions {
  dataDir: string;
  backupDir: string;
  intervalMs: number;
  keep: number;
  logger: Logger;
  /** A backup due at start-up waits this long, so it does not compete with the start. */
  startDelayMs?: number;
}

export interface BackupSchedule {
  /** When the newest finished backup of the directory was taken (by this schedule or `npm run backup`). */
  lastBackupAt(): Date | null;
  /** Takes one now (tests; the schedule goes on from it). */
  runNow(): Promise<BackupOutcome>;
  stop(): Promise<void>;
}

/**
 * Backs up the data directory every `intervalMs` into `backupDir`, keeping the `keep` newest.
 * The first one is due one interval after the newest backup already there (at once if there is
 * none or it is older): a restart does not reset the clock. Each backup runs in a thread of its
 * own (backupWorker.ts) that exits once done, so nothing stays in memory between backups.
 */
export function startBackupSchedule(options: BackupScheduleOptions): BackupSchedule {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<BackupOutcome> | null = null;
  let stopped = false;
  let last = lastBackupTime(options.backupDir);

  const runOnce = (): Promise<BackupOutcome> =>
    (running ??= new Promise<BackupOutcome>((resolve) => {
      const job: BackupJob = { dataDir: options.dataDir, backupDir: options.backupDir, keep: options.keep };
      const worker = new Worker(workerEntry(import.meta.url, 'backupWorker'), { name: 'backup', workerData: job });
      worker.once('message', (outcome: BackupOutcome) => resolve(outcome));
      worker.once('error', (error) => resolve({ ok: false, error: String(error) }));
      worker.once('exit', () => resolve({ ok: false, error: 'backup thread exited without an answer' }));
    }).then((outcome) => {
      running = null;
      if (outcome.ok) {
        last = new Date(outcome.takenAt);
        options.logger.info('backup taken', { dir: outcome.dir, bytes: outcome.bytes, pruned: outcome.pruned.length });
      } else {
        options.logger.error('backup failed', { error: outcome.error });
      }
      // A failed backup is tried again one interval later, not at once in a loop.
      schedule(outcome.ok ? undefined : options.intervalMs);
      return outcome;
    }));

  const schedule = (delayMs?: number): void => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    const due = last ? last.getTime() + options.intervalMs - Date.now() : 0;
    timer = setTimeout(() => void runOnce(), delayMs ?? Math.max(due, 0));
    timer.unref();
  };
  schedule(Math.max(last ? last.getTime() + options.intervalMs - Date.now() : 0, options.startDelayMs ?? 0));

  return {
    lastBackupAt: () => lastBackupTime(options.backupDir),
    runNow: runOnce,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      // A backup under way finishes: its thread holds a read transaction, not a write.
      if (running) await running;
    },
  };
}
