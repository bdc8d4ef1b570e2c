import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { checkBackup, databaseFile, type BackupManifest } from './manifest';

/** A restore refused before anything was written (French, for the operator). */
export class RestoreRefused extends Error {
  constructor(readonly problems: string[]) {
    super(`Restauration refusée :\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/**
 * Copies a checked backup into a data directory that is empty or does not exist yet: restoring
 * over a live directory would mix two histories (and a running server would overwrite it), so
 * a non-empty one is refused. The manifest's SHA-256 and every file's are checked first, the
 * database again after the copy (quick_check). The server started on the directory replays
 * the journal copy past the database's drain mark.
 */
export function restoreBackup(backupDir: string, dataDir: string): BackupManifest {
  const checked = checkBackup(backupDir);
  if (!checked.ok) throw new RestoreRefused(checked.problems);
  if (fs.existsSync(dataDir) && fs.readdirSync(dataDir).length > 0) {
    throw new RestoreRefused([`${dataDir} n’est pas vide : restaurez dans un dossier vide (ou absent), puis faites pointer PMP_DATA_DIR vers lui`]);
  }
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dataDir, 0o700);
  for (const file of checked.manifest.files) {
    fs.copyFileSync(path.join(backupDir, file.name), path.join(dataDir, file.name), fs.constants.COPYFILE_EXCL);
    fs.chmodSync(path.join(dataDir, file.name), 0o600);
  }
  const restored = new Database(path.join(dataDir, databaseFile), { fileMustExist: true });
  try {
    const check = restored.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`base restaurée incohérente : ${String(check)}`);
  } finally {
    restored.close();
  }
  return checked.manifest;
}
