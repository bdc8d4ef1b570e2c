import { execFile } from 'node:child_process';
import { access, constants, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { importError } from './importError';
import { importLimits } from './importLimits';

/** LibreOffice keeps one profile per user; conversions go one at a time, each with its own profile. */
let line: Promise<unknown> = Promise.resolve();

/**
 * Converts an ODT to DOCX with LibreOffice headless (`soffice --convert-to docx`), in a temporary
 * directory with a throw-away profile, bounded in time. Without LibreOffice at `sofficePath`
 * (PMP_SOFFICE_PATH), a French 503 says so; DOCX imports keep working.
 */
export async function odtToDocx(odt: Buffer, sofficePath: string): Promise<Buffer> {
  try {
    await access(sofficePath, constants.X_OK);
  } catch {
    throw importError(
      'import_converter_unavailable',
      `L’import des fichiers ODT demande LibreOffice, qui n’est pas installé sur ce serveur (${sofficePath}, variable PMP_SOFFICE_PATH). Enregistrez le document en .docx depuis LibreOffice, puis importez-le.`,
    );
  }
  const run = line.then(() => convert(odt, sofficePath));
  line = run.catch(() => undefined);
  return run;
}

async function convert(odt: Buffer, sofficePath: string): Promise<Buffer> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pmp-import-'));
  try {
    const input = path.join(dir, 'source.odt');
    await writeFile(input, odt);
    await new Promise<void>((resolve, reject) => {
      execFile(
        sofficePath,
        [`-env:UserInstallation=${pathToFileURL(path.join(dir, 'profile')).href}`, '--headless', '--norestore', '--convert-to', 'docx', '--outdir', dir, input],
        { timeout: importLimits.conversionTimeoutMs, killSignal: 'SIGKILL', maxBuffer: 1024 * 1024 },
        (error) => (error ? reject(error) : resolve()),
      );
    });
    return await readFile(path.join(dir, 'source.docx'));
  } catch {
    throw importError(
      'import_conversion_failed',
      'LibreOffice n’a pas pu convertir ce document ODT : ouvrez-le dans LibreOffice, enregistrez-le en .docx, puis importez-le.',
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
