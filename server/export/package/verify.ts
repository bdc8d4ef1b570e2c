import type { SubmissionCheckView } from '../../../schemas/api/submissions';
import { Manifest, manifestName, type Manifest as ManifestType } from './manifest';
import { readZip, sha256 } from './zip';

/** The check of a package alone (the recorded and downloaded hashes are compared by the command). */
export interface VerifyReport extends Omit<SubmissionCheckView, 'matchesRecord' | 'matchesDownload'> {
  manifest: ManifestType | null;
}

/**
 * Checks a submission package against its own manifest: every listed file present with the
 * listed SHA-256 and size, nothing extra, no name twice. Pure (no store, no network).
 */
export async function verifyPackage(zip: Uint8Array): Promise<VerifyReport> {
  const packageSha256 = sha256(zip);
  const report: VerifyReport = { valid: false, packageSha256, manifest: null, files: [], missing: [], unexpected: [], problems: [] };
  let entries: { name: string; data: Buffer }[];
  try {
    entries = await readZip(zip);
  } catch (error) {
    report.problems.push(`Le fichier n’est pas une archive zip lisible (${(error as Error).message}).`);
    return report;
  }
  const byName = new Map<string, Buffer>();
  for (const entry of entries) {
    if (byName.has(entry.name)) report.problems.push(`Le fichier ${entry.name} figure deux fois dans l’archive.`);
    byName.set(entry.name, entry.data);
  }
  const manifestData = byName.get(manifestName);
  if (!manifestData) {
    report.problems.push('L’archive ne contient pas de manifest.json.');
    return report;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(manifestData.toString('utf8'));
  } catch {
    report.problems.push('Le manifest.json n’est pas un JSON valide.');
    return report;
  }
  const manifest = Manifest.safeParse(parsed);
  if (!manifest.success) {
    report.problems.push('Le manifest.json n’a pas le format attendu.');
    return report;
  }
  report.manifest = manifest.data;
  const listed = new Set<string>();
  for (const file of manifest.data.files) {
    listed.add(file.name);
    const data = byName.get(file.name);
    if (!data) {
      report.missing.push(file.name);
      report.files.push({ name: file.name, expected: file.sha256, actual: null, ok: false });
      report.problems.push(`Le fichier ${file.name} est absent de l’archive.`);
      continue;
    }
    const actual = sha256(data);
    const ok = actual === file.sha256 && data.byteLength === file.bytes;
    report.files.push({ name: file.name, expected: file.sha256, actual, ok });
    if (!ok) report.problems.push(`Le fichier ${file.name} a été modifié : son empreinte ne correspond pas au manifeste.`);
  }
  for (const name of byName.keys()) {
    if (name !== manifestName && !listed.has(name)) {
      report.unexpected.push(name);
      report.problems.push(`Le fichier ${name} ne figure pas dans le manifeste.`);
    }
  }
  report.valid = report.problems.length === 0;
  return report;
}
