import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { readZip, writeZip } from '../../server/export/package/zip';

export const docxType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const odtType = 'application/vnd.oasis.opendocument.text';
export const sofficePath = '/usr/bin/soffice';
export const fixturesDir = path.join(import.meta.dirname, '..', 'fixtures', 'import');

const run = promisify(execFile);

/** Converts a file with LibreOffice headless (as a hospital's own LibreOffice would write it). */
export async function convertWithLibreOffice(input: string, to: string): Promise<Buffer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pmp-import-fixture-'));
  try {
    const source = path.join(dir, path.basename(input));
    fs.copyFileSync(input, source);
    await run(
      sofficePath,
      [`-env:UserInstallation=${pathToFileURL(path.join(dir, 'profile')).href}`, '--headless', '--convert-to', to, '--outdir', dir, source],
      { timeout: 120_000 },
    );
    const output = fs.readdirSync(dir).find((f) => f !== path.basename(input) && f !== 'profile');
    if (!output) throw new Error(`LibreOffice wrote nothing for ${input}`);
    return fs.readFileSync(path.join(dir, output));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Writes bytes to a temporary file with that name, for LibreOffice. */
export function asFile(name: string, data: Uint8Array): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pmp-import-src-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, data);
  return file;
}

/** The same zip with some entries replaced or added (null removes one). */
export async function withEntries(zip: Uint8Array, changes: Record<string, string | Buffer | null>): Promise<Buffer> {
  const entries = (await readZip(zip)).filter((e) => !(e.name in changes) || changes[e.name] !== null);
  const files = entries.map((e) => ({ name: e.name, data: e.name in changes ? Buffer.from(changes[e.name] as string | Buffer) : e.data }));
  for (const [name, data] of Object.entries(changes)) if (data !== null && !files.some((f) => f.name === name)) files.push({ name, data: Buffer.from(data) });
  return Buffer.from(await writeZip(files, new Date('2026-01-01T00:00:00Z')));
}

/** Rewrites every central-directory record of a zip (signature PK\x01\x02) with `patch(buffer, offset)`. */
export function patchCentralDirectory(zip: Buffer, patch: (data: Buffer, recordOffset: number) => void): Buffer {
  const data = Buffer.from(zip);
  for (let offset = data.indexOf('PK\x01\x02', 0, 'latin1'); offset >= 0; offset = data.indexOf('PK\x01\x02', offset + 4, 'latin1')) patch(data, offset);
  return data;
}
