import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOutline } from '../../schemas/docLayout';
import type { SectionNode } from '../../schemas/project';
import { createGht, createProject, docxToText, download, fillProject, pdfInfo, pdfPages, positionsInOrder, unzip } from '../helpers/exportFixtures';
import { startTestServer, type TestServer } from '../helpers/testServer';

const run = promisify(execFile);
let server: TestServer;
let projectId: string;
let titles: { title: string; depth: number }[];
const frenchDate = /\b\d{2}\/\d{2}\/\d{4}\b/;

const flatten = (nodes: SectionNode[], depth = 1): { title: string; depth: number }[] =>
  nodes.flatMap((n) => [{ title: n.title, depth }, ...flatten(n.children, depth + 1)]);

beforeAll(async () => {
  server = await startTestServer();
  const { ght } = createGht(server);
  projectId = await createProject(server, server.adminCookie, { title: 'Projet médical partagé 2026–2030', organisationId: ght });
  fillProject(server, projectId, 30);
  titles = flatten(readOutline(server.deps.registry.get(projectId).doc));
});
afterAll(() => server.close());

describe('PDF export', () => {
  let pdf: Buffer;
  let pages: string[];

  beforeAll(async () => {
    const res = await download(server, `/api/projects/${projectId}/export.pdf`, server.adminCookie);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="PMP-projet-medical-partage-2026-2030-texte-courant\.pdf"/);
    pdf = res.data;
    pages = await pdfPages(pdf);
  }, 60_000);

  it('is a tagged A4 PDF with bookmarks, the French language and the title set', async () => {
    const info = await pdfInfo(pdf);
    expect(info.Tagged).toBe('yes');
    expect(info['Page size']).toMatch(/A4/);
    expect(info.Title).toBe('Projet médical partagé 2026–2030');
    expect(Number(info.Pages)).toBeGreaterThanOrEqual(20);
    const raw = pdf.toString('latin1');
    expect(raw).toMatch(/\/Lang \(fr-FR\)/);
    expect(raw).toMatch(/\/Outlines \d+ 0 R/);
    expect(raw).toMatch(/\/StructTreeRoot \d+ 0 R/);
    // Fonts are embedded (subsets), not referenced.
    expect(raw).toMatch(/\/FontFile2 \d+ 0 R/);
  });

  it('has a cover page with the organisation, kind, title, period, version, status and date, and no running header', () => {
    const cover = pages[0]!;
    for (const fact of [
      'GHT des Deux-Rives',
      'Projet médical partagé',
      'Projet médical partagé 2026–2030',
      'Période 2026–2030',
      'Texte courant (non figé)',
      'Document de travail',
    ]) {
      expect(cover).toContain(fact);
    }
    expect(cover).toMatch(frenchDate);
    expect(cover).not.toMatch(/Page 1 \//);
  });

  it('shows every chapter title in order, numbered, with running header and footer on each page', () => {
    const body = pages.slice(2).join('\n');
    const numbered = titles.map((t) => t.title);
    const found = positionsInOrder(body, numbered);
    expect(found.filter((p) => p < 0)).toEqual([]);
    expect(body).toContain('1 Diagnostic territorial et filières prioritaires');
    expect(body).toContain('Annexe — Calendrier d’approbation');
    const total = pages.length;
    pages.slice(1).forEach((text, i) => {
      expect(text).toContain(`Page ${i + 2} / ${total}`);
      expect(text).toContain('Projet médical partagé 2026–2030');
      expect(text).toContain('Texte courant (non figé)');
    });
  });

  it('has a table of contents whose page numbers point at the chapters', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pmp-toc-')), 'doc.pdf');
    fs.writeFileSync(file, pdf);
    const { stdout } = await run('pdftotext', ['-layout', '-f', '2', '-l', '2', file, '-']);
    expect(stdout).toContain('Table des matières');
    const entries = [...titles.filter((t) => t.depth <= 2), { title: 'Annexe — Calendrier d’approbation', depth: 1 }];
    for (const entry of entries) {
      const line = stdout.split('\n').find((l) => l.includes(entry.title));
      expect(line, entry.title).toBeDefined();
      const page = Number(/(\d+)\s*$/.exec(line!)?.[1]);
      expect(page, entry.title).toBeGreaterThan(2);
      expect(pages[page - 1]!.replace(/\s+/g, ' '), `${entry.title} on page ${page}`).toContain(entry.title);
    }
  });

  it('lays out the filière matrices, fiches-actions and indicator tables', () => {
    const text = pages.join('\n').replace(/\s+/g, ' ');
    expect(text).toContain('Filière : Urgences et soins non programmés');
    expect(text).toContain('Déclinaison de la filière par établissement, pour chaque modalité');
    expect(text).toContain('a) Permanence et continuité des soins');
    expect(text).toContain('h) Prise en charge médico-sociale');
    expect(text).toMatch(/FA 1 Structurer le parcours n° 1/);
    expect(text).toContain('Pilote médical');
    expect(text).toContain('Valeur d’origine (date)');
    expect(text).toContain('30 jours (31/12/2025)');
    expect(text).toContain('Axe 1 — Garantir l’accès aux soins');
  });
});

describe('DOCX export', () => {
  let docx: Buffer;

  beforeAll(async () => {
    const res = await download(server, `/api/projects/${projectId}/export.docx`, server.adminCookie);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    docx = res.data;
  });

  it('opens in LibreOffice and holds the cover facts and chapter titles in order', async () => {
    const text = await docxToText(docx);
    expect(text).toContain('GHT des Deux-Rives');
    expect(text).toContain('Texte courant (non figé)');
    expect(text).toContain('Table des matières');
    const body = text.slice(text.lastIndexOf('Annexe — Calendrier d’approbation') > 0 ? text.indexOf('Table des matières') + 20 : 0);
    expect(
      positionsInOrder(
        body,
        titles.map((t) => t.title),
      ).filter((p) => p < 0),
    ).toEqual([]);
    expect(text).toContain('Filière : Urgences et soins non programmés');
    expect(text).toContain('30 jours (31/12/2025)');
  }, 120_000);

  it('uses real heading styles, heading numbering, a TOC field, tables, header and footer page fields', async () => {
    const parts = await unzip(docx);
    const document = parts.get('word/document.xml')!.toString('utf8');
    const styles = parts.get('word/styles.xml')!.toString('utf8');
    expect(document).toContain('<w:pStyle w:val="Heading1"/>');
    expect(document).toContain('<w:pStyle w:val="Heading2"/>');
    expect(styles).toMatch(/w:styleId="Heading1"><w:name w:val="Heading 1"\/>/);
    expect(document).toMatch(/TOC \\h \\o &quot;1-2&quot;/);
    expect(document).toContain('<w:tbl>');
    expect(document).toContain('<w:tblHeader/>');
    // Headings carry Word numbering (1, 1.1…), not typed numbers.
    expect(parts.get('word/numbering.xml')!.toString('utf8')).toContain('w:val="%1.%2"');
    expect(document).toMatch(/<w:pStyle w:val="Heading1"\/><w:numPr>/);
    const headers = [...parts.keys()].filter((k) => /^word\/(header|footer)\d*\.xml$/.test(k)).map((k) => parts.get(k)!.toString('utf8'));
    expect(headers.join('')).toContain('Projet médical partagé 2026–2030');
    expect(headers.join('')).toMatch(/PAGE/);
    expect(headers.join('')).toMatch(/NUMPAGES/);
    expect(parts.get('word/settings.xml')!.toString('utf8')).toContain('w:updateFields');
  });

  it('pre-fills the table of contents with its entries, each a link and a page field Word fills on opening (issue 20, finding 9)', async () => {
    const document = (await unzip(docx)).get('word/document.xml')!.toString('utf8');
    // The TOC field is dirty, and the settings ask Word to update fields when it opens the file.
    expect(document).toMatch(/<w:fldChar w:fldCharType="begin" w:dirty="true"\/><w:instrText xml:space="preserve">TOC \\h \\o &quot;1-2&quot;<\/w:instrText>/);
    const entries = [
      ...document.matchAll(
        /<w:hyperlink w:history="1" w:anchor="(_Toc\d+)"><w:r><w:t xml:space="preserve">([^<]*)<\/w:t><\/w:r><w:r><w:tab\/><\/w:r><w:r><w:fldChar w:fldCharType="begin" w:dirty="true"\/><w:instrText xml:space="preserve">PAGEREF (_Toc\d+) \\h<\/w:instrText>/g,
      ),
    ];
    const chapters = titles.filter((t) => t.depth <= 2).map((t) => t.title);
    expect(entries.map((e) => e[2])).toEqual(expect.arrayContaining(chapters));
    for (const [, anchor, , pageRef] of entries) {
      expect(pageRef).toBe(anchor);
      // Each entry points at a bookmark on its heading, which the page field reads.
      expect(document).toMatch(new RegExp(`<w:pStyle w:val="Heading[12]"/>(?:(?!</w:p>).)*<w:bookmarkStart w:name="${anchor}" w:id="\\d+"/>`));
    }
  });
});

describe('export access and errors', () => {
  it('lets a reader export and hides the project from a non-member (404)', async () => {
    const reader = await server.user('Lectrice');
    const outsider = await server.user('Tiers');
    await server.api('PUT', `/api/projects/${projectId}/members/${reader.id}`, { cookie: server.adminCookie, body: { role: 'reader' } });
    expect((await download(server, `/api/projects/${projectId}/export.docx`, reader.cookie)).status).toBe(200);
    const hidden = await download(server, `/api/projects/${projectId}/export.docx`, outsider.cookie);
    expect(hidden.status).toBe(404);
    expect(hidden.json.error.code).toBe('project_not_found');
    expect((await fetch(`${server.url}/api/projects/${projectId}/export.pdf`)).status).toBe(401);
  });

  it('exports a frozen version with its label and hash, and 404 for an unknown version', async () => {
    const frozen = await server.api('POST', `/api/projects/${projectId}/versions`, { cookie: server.adminCookie, body: { label: 'Projet soumis à la CMG' } });
    expect(frozen.status).toBe(201);
    const res = await download(server, `/api/projects/${projectId}/versions/${frozen.body.id}/export.pdf`, server.adminCookie);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('-v1.pdf');
    const cover = (await pdfPages(res.data))[0]!.replace(/\s+/g, ' ');
    expect(cover).toContain('Version 1 — Projet soumis à la CMG');
    expect(cover).toContain(frozen.body.hash);
    expect(cover).toContain('Version figée');
    const docx = await download(server, `/api/projects/${projectId}/versions/${frozen.body.id}/export.docx`, server.adminCookie);
    expect(docx.status).toBe(200);
    // Exported again, the same content reuses the known layout: one pass, same table of contents.
    const reused = server.deps.pdf.stats().layoutsReused;
    const again = await download(server, `/api/projects/${projectId}/versions/${frozen.body.id}/export.pdf`, server.adminCookie);
    expect(server.deps.pdf.stats().layoutsReused).toBe(reused + 1);
    const [first, second] = [await pdfPages(res.data), await pdfPages(again.data)];
    expect(second.length).toBe(first.length);
    expect(second[1]).toBe(first[1]);
    expect(second[1]).toMatch(/Objectifs médicaux\s+\d+/);
    const missing = await download(server, `/api/projects/${projectId}/versions/no-such-version/export.pdf`, server.adminCookie);
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe('version_not_found');
  }, 60_000);
});

describe('export lifecycle', () => {
  it('stops rendering when the client disconnects', async () => {
    const big = await createProject(server, server.adminCookie, { title: 'Gros projet 2026–2030' });
    fillProject(server, big, 200);
    const before = server.deps.pdf.stats().aborted;
    const controller = new AbortController();
    const request = fetch(`${server.url}/api/projects/${big}/export.pdf`, { headers: { cookie: server.adminCookie }, signal: controller.signal });
    await new Promise((r) => setTimeout(r, 600));
    controller.abort();
    await expect(request).rejects.toThrow();
    const start = Date.now();
    const settled = () => server.deps.pdf.stats().aborted > before && server.deps.pdf.stats().active === 0;
    while (!settled() && Date.now() - start < 10_000) await new Promise((r) => setTimeout(r, 50));
    expect(server.deps.pdf.stats()).toMatchObject({ aborted: before + 1, active: 0 });
  }, 60_000);

  it('answers a clear 503 in French when Chromium is missing, and still exports DOCX', async () => {
    const noChromium = await startTestServer({ chromiumPath: '/opt/absent/chromium' });
    try {
      const id = await createProject(noChromium, noChromium.adminCookie, { title: 'Projet sans moteur' });
      const pdf = await download(noChromium, `/api/projects/${id}/export.pdf`, noChromium.adminCookie);
      expect(pdf.status).toBe(503);
      expect(pdf.json.error.code).toBe('pdf_engine_unavailable');
      expect(pdf.json.error.message).toContain('Chromium n’est pas installé');
      expect(pdf.json.error.message).toContain('/opt/absent/chromium');
      expect((await download(noChromium, `/api/projects/${id}/export.docx`, noChromium.adminCookie)).status).toBe(200);
      const status = await noChromium.api('GET', '/api/exports/status', { cookie: noChromium.adminCookie });
      expect(status.body).toMatchObject({ pdf: { available: false, code: 'pdf_engine_unavailable' }, docx: { available: true } });
      expect((await server.api('GET', '/api/exports/status', { cookie: server.adminCookie })).body.pdf).toMatchObject({ available: true, active: 0 });
    } finally {
      await noChromium.close();
    }
  });
});
