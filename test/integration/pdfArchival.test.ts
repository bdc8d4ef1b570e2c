import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PDFArray, PDFDict, PDFDocument, PDFName, type PDFRawStream, type PDFRef, type PDFString, decodePDFRawStream } from '@cantoo/pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderDocumentHtml } from '../../server/export/html/renderHtml';
import { markUnmarkedContent, tokenize } from '../../server/export/pdf/archival/markArtifacts';
import { PdfRenderer } from '../../server/export/pdf/pdfRenderer';
import { ExportScheduler } from '../../server/export/scheduler';
import { sampleDocumentModel } from '../../fixtures/sampleDocument';

/**
 * Issue 23, PDF/A-2: the exported PDF is read back — its XMP packet against its Info
 * dictionary, the output intent and its profile, every font, the running header and footer
 * marked as artifacts while the structure tree stays — and its text still extracts in reading
 * order (pdftotext). No validator runs here (veraPDF is not installable): docs/EXPORTS.md says
 * what these checks cover.
 */
const run = promisify(execFile);
const silent = { debug() {}, info() {}, warn() {}, error() {} };
let renderer: PdfRenderer;
let pdf: Uint8Array;
let doc: PDFDocument;
/** Titles of the table of contents, in order. */
let tocTitles: string[];
const title = 'Projet médical partagé 2026–2030 <GHT & partenaires>';

beforeAll(async () => {
  renderer = new PdfRenderer({
    chromiumPath: process.env.PMP_CHROMIUM_PATH ?? '/usr/bin/chromium',
    timeoutMs: 120_000,
    scheduler: new ExportScheduler({ concurrency: { pdf: 1, docx: 1 }, maxWaiting: 0 }),
    logger: silent,
  });
  const model = await sampleDocumentModel({ pages: 10, title });
  const html = renderDocumentHtml(model);
  tocTitles = html.toc.map((entry) => entry.title);
  pdf = await renderer.renderDocument(html);
  doc = await PDFDocument.load(pdf, { updateMetadata: false });
}, 120_000);
afterAll(() => renderer?.close());

/** Decoded content streams of a page (latin1). */
function pageContents(index: number): string {
  const contents = doc.getPages()[index]!.node.get(PDFName.of('Contents'));
  const refs = contents instanceof PDFArray ? contents.asArray() : [contents];
  return refs
    .map((ref) => doc.context.lookup(ref as PDFRef) as PDFRawStream)
    .map((stream) => Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1'))
    .join('\n');
}

const xmpText = () => {
  const stream = doc.catalog.lookup(PDFName.of('Metadata')) as PDFRawStream;
  expect(stream.dict.get(PDFName.of('Filter'))).toBeUndefined();
  return Buffer.from(stream.getContents()).toString('utf8');
};
const xmpValue = (xmp: string, tag: string) => new RegExp(`<${tag}>(?:<rdf:(?:Alt|Seq|Bag)>)?(?:<rdf:li[^>]*>)?([^<]*)`).exec(xmp)?.[1];
const unescapeXml = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

describe('PDF/A-2 export', () => {
  it('claims PDF/A-2u in XMP metadata that says what the Info dictionary says', async () => {
    expect(Buffer.from(pdf.subarray(0, 8)).toString('latin1')).toBe('%PDF-1.7');
    const xmp = xmpText();
    expect(xmp.startsWith('<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>')).toBe(true);
    expect(xmpValue(xmp, 'pdfaid:part')).toBe('2');
    expect(xmpValue(xmp, 'pdfaid:conformance')).toBe('U');
    expect(unescapeXml(xmpValue(xmp, 'dc:title')!)).toBe(title);
    expect(doc.getTitle()).toBe(title);
    expect(xmpValue(xmp, 'dc:creator')).toBe('GHT Seine-Essonne');
    expect(doc.getAuthor()).toBe('GHT Seine-Essonne');
    expect(xmpValue(xmp, 'dc:description')).toBe(doc.getSubject());
    expect(doc.getSubject()).toBe('Projet médical partagé — Texte courant (non figé)');
    expect(xmpValue(xmp, 'dc:language')).toBe('fr-FR');
    expect((doc.catalog.lookup(PDFName.of('Lang')) as PDFString).decodeText()).toBe('fr-FR');
    expect(xmpValue(xmp, 'xmp:CreatorTool')).toBe(doc.getCreator());
    expect(xmpValue(xmp, 'pdf:Producer')).toBe(doc.getProducer());
    expect(new Date(xmpValue(xmp, 'xmp:CreateDate')!).getTime()).toBe(doc.getCreationDate()!.getTime());
    expect(new Date(xmpValue(xmp, 'xmp:ModifyDate')!).getTime()).toBe(doc.getModificationDate()!.getTime());
    // The file identifier PDF/A requires, and poppler reads the same packet.
    expect(doc.context.trailerInfo.ID).toBeDefined();
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pmp-pdfa-')), 'a.pdf');
    fs.writeFileSync(file, pdf);
    const { stdout } = await run('pdfinfo', ['-meta', file]);
    expect(stdout).toContain('<pdfaid:part>2</pdfaid:part>');
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });

  it('has an sRGB output intent with the committed ICC profile', () => {
    const intents = doc.catalog.lookup(PDFName.of('OutputIntents'), PDFArray);
    expect(intents.size()).toBe(1);
    const intent = intents.lookup(0, PDFDict);
    expect(intent.get(PDFName.of('S'))).toBe(PDFName.of('GTS_PDFA1'));
    expect((intent.lookup(PDFName.of('OutputConditionIdentifier')) as PDFString).decodeText()).toBe('sRGB IEC61966-2.1');
    const profile = intent.lookup(PDFName.of('DestOutputProfile')) as PDFRawStream;
    expect(profile.dict.get(PDFName.of('N'))?.toString()).toBe('3');
    const bytes = decodePDFRawStream(profile).decode();
    const committed = fs.readFileSync(path.resolve(import.meta.dirname, '../../templates/export/color/sRGB.icc'));
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(createHash('sha256').update(committed).digest('hex'));
    // An ICC v2 display profile of RGB data.
    expect(Buffer.from(bytes.subarray(12, 20)).toString('latin1')).toBe('mntrRGB ');
  });

  it('embeds every font, each with a Unicode map', async () => {
    const fonts = renderer.lastArchivalReport!.fonts;
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.every((f) => f.embedded && f.unicode)).toBe(true);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pmp-pdfa-')), 'a.pdf');
    fs.writeFileSync(file, pdf);
    const { stdout } = await run('pdffonts', [file]);
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
    const rows = stdout.trim().split('\n').slice(2);
    expect(rows.length).toBe(fonts.length);
    // Columns: name type encoding emb sub uni object ID
    for (const row of rows) expect(row.split(/\s+/).slice(-5, -2)).toEqual(['yes', 'yes', 'yes']);
  });

  it('marks the running header and footer as artifacts and leaves nothing unmarked, structure tree intact', () => {
    expect(doc.catalog.get(PDFName.of('StructTreeRoot'))).toBeDefined();
    expect(doc.catalog.lookup(PDFName.of('MarkInfo'), PDFDict).get(PDFName.of('Marked'))?.toString()).toBe('true');
    expect(renderer.lastArchivalReport!.artifacts.textObjects).toBeGreaterThan(0);
    for (let index = 0; index < doc.getPageCount(); index++) {
      const content = pageContents(index);
      // A second pass finds nothing left outside marked content.
      const again = markUnmarkedContent(content);
      expect({ page: index + 1, text: again.textObjects, graphics: again.graphics }).toEqual({ page: index + 1, text: 0, graphics: 0 });
      if (index === 0) continue; // the cover has no running header (@page :first)
      // The page's first text object is the running header, inside a pagination artifact.
      const tokens = tokenize(content);
      const firstText = tokens.findIndex((t) => t.operator === 'BT');
      const opener = tokens
        .slice(0, firstText)
        .reverse()
        .find((t) => t.operator === 'BDC' || t.operator === 'BMC')!;
      expect(content.slice(opener.start - 40, opener.end)).toMatch(/\/Artifact <<\/Type \/Pagination>> BDC$/);
    }
  });

  it('prints every annotation (links: /F 4) and holds no JavaScript, encryption or embedded file', () => {
    let annotations = 0;
    for (const page of doc.getPages()) {
      for (const ref of page.node.Annots()?.asArray() ?? []) {
        const annotation = doc.context.lookup(ref, PDFDict);
        expect(Number(annotation.get(PDFName.of('F'))?.toString()) & 4).toBe(4);
        annotations++;
      }
    }
    expect(annotations).toBeGreaterThan(0);
    expect(doc.context.trailerInfo.Encrypt).toBeUndefined();
    for (const key of ['Names', 'OpenAction', 'AA', 'AcroForm']) expect(doc.catalog.get(PDFName.of(key))).toBeUndefined();
  });

  it('still extracts its text in reading order', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pmp-pdfa-')), 'a.pdf');
    fs.writeFileSync(file, pdf);
    const { stdout } = await run('pdftotext', [file, '-']);
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
    const pages = stdout.split('\f');
    expect(pages[0]).toContain('Projet médical partagé 2026–2030');
    // Every chapter title of the table of contents comes in the body, in the same order.
    const tocPage = pages.findIndex((page) => page.includes('Table des matières'));
    const body = pages
      .slice(tocPage + 1)
      .join(' ')
      .replace(/\s+/g, ' ');
    expect(tocTitles.length).toBeGreaterThan(5);
    let at = 0;
    for (const title of tocTitles) {
      const found = body.indexOf(title.replace(/\s+/g, ' '), at);
      expect({ title, found: found >= 0 }).toEqual({ title, found: true });
      at = found + title.length;
    }
    // Header and footer text is still there for a reader (pdftotext keeps artifacts), once per page.
    expect(pages.slice(1, -1).every((page) => page.includes('GHT Seine-Essonne'))).toBe(true);
  });
});
