import { parentPort, workerData } from 'node:worker_threads';
import { lowerThisThreadPriority } from '../threadPriority';
import { pruneBackups } from './retention';
import { takeBackup } from './takeBackup';

/** What the scheduler asks one backup thread. */
export interface BackupJob {
  dataDir: string;
  backupDir: string;
  keep: number;
}

export type BackupOutcome = { ok: true; dir: string; takenAt: string; bytes: number; pruned: string[] } | { ok: false; error: string };

/**
 * One scheduled backup, in a thread of its own that exits once done: the database copy is one
 * read transaction that copies every page at once (300 ms for 20 MB here), which must not hold
 * the thread serving editors. The thread lowers its priority as the store threads do.
 */
async function run(job: BackupJob): Promise<BackupOutcome> {
  try {
    const { dir, manifest } = await takeBackup(job.dataDir, job.backupDir);
    const pruned = pruneBackups(job.backupDir, job.keep);
    return { ok: true, dir, takenAt: manifest.takenAt, bytes: manifest.files.reduce((sum, f) => sum + f.bytes, 0), pruned };
  } catch (error) {
    return { ok: false, error: String(error) };
  }
}

lowerThisThreadPriority();
parentPort?.postMessage(await run(workerData as BackupJob));
