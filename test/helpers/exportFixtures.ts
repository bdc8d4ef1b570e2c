import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { getSchema, type JSONContent } from '@tiptap/core';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import yauzl from 'yauzl';
import { fragmentName } from '../../schemas/docLayout';
import { richTextExtensions } from '../../schemas/richText';
import { fillSampleContent } from '../../fixtures/sampleDocument';
import type { TestServer } from './testServer';

const run = promisify(execFile);

/** A GHT with its support établissement and a member, and an ARS, created in the real store. */
export function createGht(server: TestServer, name = 'GHT des Deux-Rives') {
  const orgs = server.deps.store.organisations;
  const ght = orgs.create({ name, kind: 'GHT' });
  const support = orgs.create({ name: 'Centre hospitalier de Rive-Haute', kind: 'etablissement', parentId: ght, isSupport: true });
  const member = orgs.create({ name: 'Hôpital de Rive-Basse', kind: 'etablissement', parentId: ght });
  return { ght, support, member };
}

export async function createProject(server: TestServer, cookie: string, input: { kind?: string; title: string; organisationId?: string }): Promise<string> {
  const res = await server.api('POST', '/api/projects', {
    cookie,
    body: { kind: input.kind ?? 'PMP', title: input.title, organisationId: input.organisationId },
  });
  if (res.status !== 201) throw new Error(`create project failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

/** Fills a PMP project with about `pages` pages of sample text and structured parts. */
export function fillProject(server: TestServer, projectId: string, pages: number): void {
  server.deps.registry.get(projectId).change((doc) => fillSampleContent(doc, pages));
}

/** Replaces a section's rich text (ProseMirror JSON) through the persist-first path. */
export function writeSection(server: TestServer, projectId: string, sectionId: string, content: JSONContent[]): void {
  const schema = getSchema(richTextExtensions());
  server.deps.registry.get(projectId).change((doc) => {
    const fragment = doc.getXmlFragment(fragmentName(sectionId));
    fragment.delete(0, fragment.length);
    prosemirrorJSONToYXmlFragment(schema, { type: 'doc', content }, fragment);
  });
}

/** GET of a binary file with a session cookie. */
export async function download(server: TestServer, url: string, cookie: string): Promise<{ status: number; headers: Headers; data: Buffer; json: any }> {
  const res = await fetch(server.url + url, { headers: { cookie } });
  const data = Buffer.from(await res.arrayBuffer());
  let json: unknown = null;
  if ((res.headers.get('content-type') ?? '').includes('json')) json = JSON.parse(data.toString('utf8'));
  return { status: res.status, headers: res.headers, data, json };
}

function tempFile(data: Uint8Array, ext: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pmp-export-test-'));
  const file = path.join(dir, `document.${ext}`);
  fs.writeFileSync(file, data);
  return file;
}

/** `pdfinfo` fields (Pages, Tagged, Title…). */
export async function pdfInfo(pdf: Uint8Array): Promise<Record<string, string>> {
  const file = tempFile(pdf, 'pdf');
  const { stdout } = await run('pdfinfo', [file]);
  return Object.fromEntries(
    stdout
      .split('\n')
      .filter((l) => l.includes(':'))
      .map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]),
  );
}

/** The PDF's text, one string per page (pdftotext). */
export async function pdfPages(pdf: Uint8Array): Promise<string[]> {
  const file = tempFile(pdf, 'pdf');
  const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', file, '-'], { maxBuffer: 64 * 1024 * 1024 });
  const pages = stdout.split('\f');
  if (pages[pages.length - 1] === '') pages.pop();
  return pages;
}

/** The images a PDF draws (`pdfimages -list`): page, pixel size and kind, soft masks left out. */
export async function pdfImages(pdf: Uint8Array): Promise<{ page: number; width: number; height: number; type: string }[]> {
  const file = tempFile(pdf, 'pdf');
  const { stdout } = await run('pdfimages', ['-list', file]);
  return stdout
    .split('\n')
    .slice(2)
    .map((line) => line.trim().split(/\s+/))
    .filter((cols) => cols.length > 4 && cols[2] !== 'smask')
    .map((cols) => ({ page: Number(cols[0]), width: Number(cols[3]), height: Number(cols[4]), type: cols[2]! }));
}

/** Converts a DOCX to text with LibreOffice headless (own profile, so runs do not collide). */
export async function docxToText(docx: Uint8Array): Promise<string> {
  const file = tempFile(docx, 'docx');
  const dir = path.dirname(file);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'pmp-lo-profile-'));
  await run('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'txt:Text (encoded):UTF8', '--outdir', dir, file], {
    timeout: 120_000,
  });
  fs.rmSync(profile, { recursive: true, force: true });
  return fs.readFileSync(path.join(dir, 'document.txt'), 'utf8');
}

/** Every entry of a zip, name → content. */
export function unzip(data: Uint8Array): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(Buffer.from(data), { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      const entries = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (err, stream) => {
          if (err || !stream) return reject(err);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(entries));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** Positions of `needles` in `haystack`, searched one after the other (-1 when one is missing). */
export function positionsInOrder(haystack: string, needles: string[]): number[] {
  const flat = haystack.replace(/\s+/g, ' ');
  let from = 0;
  return needles.map((needle) => {
    const at = flat.indexOf(needle.replace(/\s+/g, ' '), from);
    if (at >= 0) from = at + needle.length;
    return at;
  });
}

/** YYYY-MM-DD `days` before today (UTC; tests keep away from midnight by using whole days). */
export function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

/** Plans a séance of an instance on `date` and records an act of it through the governance API (as admin). */
export async function recordAct(
  server: TestServer,
  input: {
    instanceId: string;
    date: string;
    projectId: string;
    versionId: string;
    kind: string;
    outcome?: string;
    votes?: { pour: number; contre: number; abstention: number };
    reserves?: string;
    pvExtract?: unknown;
  },
): Promise<string> {
  const seance = await server.api('POST', '/api/seances', {
    cookie: server.adminCookie,
    body: { instanceId: input.instanceId, date: input.date, place: 'Salle du conseil' },
  });
  if (seance.status !== 201) throw new Error(`séance: ${seance.status} ${JSON.stringify(seance.body)}`);
  const { instanceId: _i, date: _d, ...act } = input;
  const res = await server.api('POST', `/api/seances/${seance.body.id}/acts`, { cookie: server.adminCookie, body: act });
  if (res.status !== 201) throw new Error(`act ${input.kind}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

/** Freezes the current text as a version (as admin); returns its id. */
export async function freeze(server: TestServer, projectId: string, label: string): Promise<{ id: string; hash: string }> {
  const res = await server.api('POST', `/api/projects/${projectId}/versions`, { cookie: server.adminCookie, body: { label } });
  if (res.status !== 201) throw new Error(`freeze: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
