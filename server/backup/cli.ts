import path from 'node:path';
import { loadConfig } from '../config';
import { RestoreRefused, restoreBackup } from './restoreBackup';
import { pruneBackups } from './retention';
import { takeBackup } from './takeBackup';

/**
 * `npm run backup -- [dir]`: a consistent backup of PMP_DATA_DIR while the server runs, into
 * `dir` (default PMP_BACKUP_DIR), keeping the PMP_BACKUP_KEEP newest.
 * `npm run restore -- <backup> [dataDir]`: checks the backup and restores it into an empty
 * data directory (default PMP_DATA_DIR).
 */
async function main(): Promise<number> {
  const [command, first, second] = process.argv.slice(2);
  const config = loadConfig();
  if (command === 'backup') {
    const root = first ? path.resolve(first) : config.backup?.dir;
    if (!root) return usage('npm run backup -- <dossier des sauvegardes>   (ou PMP_BACKUP_DIR)');
    const started = Date.now();
    const { dir, manifest } = await takeBackup(config.dataDir, root);
    const pruned = pruneBackups(root, config.backupKeep);
    const bytes = manifest.files.reduce((sum, f) => sum + f.bytes, 0);
    process.stdout.write(
      `Sauvegarde : ${dir}\n  ${manifest.files.map((f) => `${f.name} ${f.bytes} octets sha256 ${f.sha256}`).join('\n  ')}\n` +
        `  ${bytes} octets en ${Date.now() - started} ms${pruned.length ? `, ${pruned.length} ancienne(s) supprimée(s) (PMP_BACKUP_KEEP=${config.backupKeep})` : ''}\n`,
    );
    return 0;
  }
  if (command === 'restore') {
    if (!first) return usage('npm run restore -- <sauvegarde> [dossier de données vide]   (défaut : PMP_DATA_DIR)');
    const target = second ? path.resolve(second) : config.dataDir;
    try {
      const manifest = restoreBackup(path.resolve(first), target);
      process.stdout.write(
        `Restauré dans ${target} : sauvegarde du ${manifest.takenAt}, manifeste et empreintes vérifiés.\nDémarrez le serveur avec PMP_DATA_DIR=${target}.\n`,
      );
      return 0;
    } catch (error) {
      if (error instanceof RestoreRefused) {
        process.stderr.write(`${error.message}\n`);
        return 2;
      }
      throw error;
    }
  }
  return usage('npm run backup -- <dossier>  |  npm run restore -- <sauvegarde> [dossier de données]');
}

function usage(line: string): number {
  process.stderr.write(`Usage : ${line}\n`);
  return 64;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
