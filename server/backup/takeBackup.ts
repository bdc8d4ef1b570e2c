import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { readJournalBytes } from '../store/updateJournal';
import { backupDirPrefix, backupFormat, databaseFile, fileEntry, journalFile, manifestFile, manifestHashFile, sha256, type BackupManifest } from './manifest';

export interface TakenBackup {
  dir: string;
  manifest: BackupManifest;
}

/**
 * A consistent copy of a data directory while the server runs: the update journal is read
 * first, then the database is copied by SQLite's online backup API in one step (one read
 * transaction: a snapshot, whatever the server commits meanwhile). Together they hold every
 * update acknowledged before the journal was read: an update is acknowledged (broadcast) only
 * once in the journal; the journal is emptied only after its records are in the database, which
 * the later database copy then holds. A journal copy whose generation is older than the
 * database's drain mark was wholly moved into the database before the copy: it is left out,
 * rather than replayed twice. The backup is written under a temporary name and renamed once
 * complete, so a half-written one is never taken for a backup.
 */
export async function takeBackup(dataDir: string, backupRoot: string, now: () => Date = () => new Date()): Promise<TakenBackup> {
  const source = path.join(dataDir, databaseFile);
  if (!fs.existsSync(source)) throw new Error(`${source} introuvable : rien à sauvegarder`);
  fs.mkdirSync(backupRoot, { recursive: true, mode: 0o700 });
  const takenAt = now();
  const journalBytes = fs.existsSync(path.join(dataDir, journalFile)) ? fs.readFileSync(path.join(dataDir, journalFile)) : null;

  const name = `${backupDirPrefix}${takenAt
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}`;
  const partial = path.join(backupRoot, `.${name}.${process.pid}.partial`);
  fs.rmSync(partial, { recursive: true, force: true });
  fs.mkdirSync(partial, { mode: 0o700 });
  try {
    const live = new Database(source, { readonly: true, fileMustExist: true });
    try {
      live.pragma('busy_timeout = 5000');
      // The first step only starts the backup; the second copies every page at once.
      await live.backup(path.join(partial, databaseFile), { progress: () => 0x7fffffff });
    } finally {
      live.close();
    }
    fs.chmodSync(path.join(partial, databaseFile), 0o600);
    const database = inspectCopy(path.join(partial, databaseFile));

    const journal = journalBytes ? readJournalBytes(journalBytes) : null;
    const keepJournal = journal !== null && (database.journalMark === null || journal.generation >= database.journalMark.generation);
    if (keepJournal) {
      fs.writeFileSync(path.join(partial, journalFile), journalBytes!.subarray(0, journal.end), { mode: 0o600 });
    }
    const manifest: BackupManifest = {
      format: backupFormat,
      takenAt: takenAt.toISOString(),
      finishedAt: now().toISOString(),
      files: [fileEntry(partial, databaseFile), ...(keepJournal ? [fileEntry(partial, journalFile)] : [])],
      journal: keepJournal ? { generation: journal.generation, records: journal.records.length } : null,
      database,
    };
    const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
    fs.writeFileSync(path.join(partial, manifestFile), manifestBytes, { mode: 0o600 });
    fs.writeFileSync(path.join(partial, manifestHashFile), `${sha256(manifestBytes)}  ${manifestFile}\n`, { mode: 0o600 });
    for (const file of fs.readdirSync(partial)) syncFile(path.join(partial, file));
    const final = uniqueName(backupRoot, name);
    fs.renameSync(partial, final);
    syncFile(backupRoot);
    return { dir: final, manifest };
  } catch (error) {
    fs.rmSync(partial, { recursive: true, force: true });
    throw error;
  }
}

/** The copy is checked (quick_check) and its drain mark read, for the manifest. */
function inspectCopy(file: string): BackupManifest['database'] {
  const copy = new Database(file, { fileMustExist: true });
  try {
    const check = copy.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`copie de la base incohérente : ${String(check)}`);
    const mark = copy.prepare<[], { generation: number; drained_to: number }>('SELECT generation, drained_to FROM doc_journal_mark WHERE id = 1').get();
    const migrations = copy.prepare<[], { n: number }>('SELECT count(*) AS n FROM schema_migrations').get()!.n;
    // The copy is a database file of its own: no -wal beside it once restored.
    copy.pragma('journal_mode = DELETE');
    return { migrations, journalMark: mark ? { generation: mark.generation, drainedTo: mark.drained_to } : null };
  } finally {
    copy.close();
  }
}

function uniqueName(root: string, name: string): string {
  let candidate = path.join(root, name);
  for (let i = 2; fs.existsSync(candidate); i++) candidate = path.join(root, `${name}-${i}`);
  return candidate;
}

function syncFile(file: string): void {
  const fd = fs.openSync(file, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
