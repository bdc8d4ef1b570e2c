import fs from 'node:fs';
import path from 'node:path';
import { backupDirPrefix, manifestFile } from './manifest';

/** Finished backups of a directory, oldest first (their names sort by time). */
export function listBackups(backupRoot: string): string[] {
  if (!fs.existsSync(backupRoot)) return [];
  return fs
    .readdirSync(backupRoot)
    .filter((name) => name.startsWith(backupDirPrefix) && fs.existsSync(path.join(backupRoot, name, manifestFile)))
    .sort()
    .map((name) => path.join(backupRoot, name));
}

/** Deletes the oldest finished backups beyond `keep`; returns what it deleted. Other files are left alone. */
export function pruneBackups(backupRoot: string, keep: number): string[] {
  const all = listBackups(backupRoot);
  const old = all.slice(0, Math.max(0, all.length - keep));
  for (const dir of old) fs.rmSync(dir, { recursive: true, force: true });
  return old;
}

/** When the newest finished backup was taken (its manifest), or null. */
export function lastBackupTime(backupRoot: string): Date | null {
  const newest = listBackups(backupRoot).at(-1);
  if (!newest) return null;
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(newest, manifestFile), 'utf8')) as { takenAt?: string };
    return manifest.takenAt ? new Date(manifest.takenAt) : null;
  } catch {
    return null;
  }
}
