import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const backupFormat = 'pmp-backup/1';
/** The files of a data directory that a backup holds (the database, the update journal). */
export const databaseFile = 'pmp.sqlite';
export const journalFile = 'pmp.journal';
export const manifestFile = 'manifest.json';
/** `sha256sum` format, so `sha256sum -c manifest.sha256` checks the manifest by hand. */
export const manifestHashFile = 'manifest.sha256';
/** A finished backup's directory name: pmp-backup-<UTC time, sortable>. */
export const backupDirPrefix = 'pmp-backup-';

export interface BackupFileEntry {
  name: string;
  sha256: string;
  bytes: number;
}

export interface BackupManifest {
  format: typeof backupFormat;
  /** When the update journal was read: every update acknowledged before is in the backup. */
  takenAt: string;
  /** When the database copy was finished: every act, version… committed before `takenAt` is in it. */
  finishedAt: string;
  files: BackupFileEntry[];
  /** The journal copy (null: every journaled update was already in the database). */
  journal: { generation: number; records: number } | null;
  database: { migrations: number; journalMark: { generation: number; drainedTo: number } | null };
}

export const sha256 = (bytes: Uint8Array): string => crypto.createHash('sha256').update(bytes).digest('hex');

export function fileEntry(dir: string, name: string): BackupFileEntry {
  const bytes = fs.readFileSync(path.join(dir, name));
  return { name, sha256: sha256(bytes), bytes: bytes.byteLength };
}

/** Why a backup directory cannot be trusted (French, for the operator), or its manifest. */
export function checkBackup(dir: string): { ok: true; manifest: BackupManifest } | { ok: false; problems: string[] } {
  const manifestPath = path.join(dir, manifestFile);
  if (!fs.existsSync(manifestPath)) return { ok: false, problems: [`${manifestFile} absent de ${dir}`] };
  const manifestBytes = fs.readFileSync(manifestPath);
  const recorded = fs.existsSync(path.join(dir, manifestHashFile)) ? fs.readFileSync(path.join(dir, manifestHashFile), 'utf8').split(/\s+/)[0] : undefined;
  if (!recorded) return { ok: false, problems: [`${manifestHashFile} absent : le manifeste ne peut pas être vérifié`] };
  if (recorded !== sha256(manifestBytes)) return { ok: false, problems: [`${manifestFile} ne correspond pas à son empreinte SHA-256 (${manifestHashFile})`] };
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(manifestBytes.toString('utf8')) as BackupManifest;
  } catch {
    return { ok: false, problems: [`${manifestFile} illisible`] };
  }
  if (manifest.format !== backupFormat) return { ok: false, problems: [`format ${String(manifest.format)} inconnu (attendu ${backupFormat})`] };
  const problems: string[] = [];
  if (!manifest.files.some((f) => f.name === databaseFile)) problems.push(`${databaseFile} n’est pas dans le manifeste`);
  for (const listed of manifest.files) {
    if (listed.name !== databaseFile && listed.name !== journalFile) {
      problems.push(`${listed.name} : fichier inattendu dans le manifeste`);
      continue;
    }
    const file = path.join(dir, listed.name);
    if (!fs.existsSync(file)) {
      problems.push(`${listed.name} : absent`);
      continue;
    }
    const actual = fileEntry(dir, listed.name);
    if (actual.bytes !== listed.bytes) problems.push(`${listed.name} : ${actual.bytes} octets au lieu de ${listed.bytes}`);
    else if (actual.sha256 !== listed.sha256) problems.push(`${listed.name} : empreinte SHA-256 différente du manifeste`);
  }
  return problems.length ? { ok: false, problems } : { ok: true, manifest };
}
