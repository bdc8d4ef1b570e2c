import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHeader,
  PDFHexString,
  PDFName,
  PDFRawStream,
  PDFRef,
  PDFStream,
  PDFString,
  ParseSpeeds,
  decodePDFRawStream,
} from '@cantoo/pdf-lib';
import { projectRoot } from '../../../projectRoot';
import { markUnmarkedContent } from './markArtifacts';
import { buildXmp } from './xmp';

/** What the archival PDF says about itself; the title defaults to the one Chromium wrote (from `<title>`). */
export interface ArchivalInfo {
  title?: string;
  /** The organisation the document belongs to. */
  author?: string;
  subject?: string;
  /** BCP 47 ('fr-FR'). */
  language?: string;
}

/** What the pass found and did (tests, the log). */
export interface ArchivalReport {
  conformance: 'B' | 'U';
  /** Text objects (header, footer) and graphics marked as artifacts, over all pages. */
  artifacts: { textObjects: number; graphics: number };
  fonts: { name: string; embedded: boolean; unicode: boolean }[];
}

/** A font the file does not embed: the PDF cannot claim PDF/A. */
export class NotArchivable extends Error {}

const iccFile = path.join(projectRoot, 'templates', 'export', 'color', 'sRGB.icc');
let icc: Uint8Array | null = null;
const outputCondition = 'sRGB IEC61966-2.1';
export const creatorTool = 'Atelier PMP';

/**
 * Turns Chromium's tagged PDF into a PDF/A-2 file (level U when every font maps its glyphs to
 * Unicode, else B) without touching its structure tree: PDF 1.7 header, file identifier, XMP
 * metadata mirroring the Info dictionary (title, author, subject, language, dates, creator tool,
 * producer, `pdfaid`), an sRGB output intent (ICC profile committed in templates/export/color/),
 * and the unmarked running header and footer marked as artifacts. Every font must be embedded
 * (Chromium embeds subsets): otherwise NotArchivable.
 */
export async function toPdfA(pdf: Uint8Array, info: ArchivalInfo = {}, now: Date = new Date()): Promise<{ pdf: Uint8Array; report: ArchivalReport }> {
  // It runs in a thread of its own: no event loop to yield to while parsing or writing.
  const doc = await PDFDocument.load(pdf, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  const context = doc.context;
  const fonts = inspectFonts(doc);
  const missing = fonts.filter((f) => !f.embedded);
  if (missing.length) throw new NotArchivable(`fonts not embedded: ${missing.map((f) => f.name).join(', ')}`);
  const conformance = fonts.every((f) => f.unicode) ? 'U' : 'B';

  const artifacts = { textObjects: 0, graphics: 0 };
  for (const page of doc.getPages()) {
    const contents = page.node.get(PDFName.of('Contents'));
    const refs =
      contents instanceof PDFRef
        ? context.lookup(contents) instanceof PDFArray
          ? context.lookup(contents, PDFArray).asArray()
          : [contents]
        : contents instanceof PDFArray
          ? contents.asArray()
          : [];
    for (const ref of refs) {
      if (!(ref instanceof PDFRef)) continue;
      const stream = context.lookup(ref);
      if (!(stream instanceof PDFRawStream)) continue;
      const marked = markUnmarkedContent(Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1'));
      if (marked.textObjects + marked.graphics === 0) continue;
      artifacts.textObjects += marked.textObjects;
      artifacts.graphics += marked.graphics;
      // Node's zlib: the library's own deflate (JavaScript) took most of the pass's time.
      context.assign(ref, context.stream(deflateSync(Buffer.from(marked.content, 'latin1')), { Filter: 'FlateDecode' }));
    }
  }

  const title = info.title ?? doc.getTitle() ?? '';
  const language = info.language ?? 'fr-FR';
  const created = doc.getCreationDate() ?? now;
  const producer = `${doc.getProducer() ?? 'Chromium'}; @cantoo/pdf-lib`;
  doc.setTitle(title, { showInWindowTitleBar: true });
  if (info.author) doc.setAuthor(info.author);
  if (info.subject) doc.setSubject(info.subject);
  doc.setCreator(creatorTool);
  doc.setProducer(producer);
  doc.setCreationDate(created);
  doc.setModificationDate(now);
  doc.catalog.set(PDFName.of('Lang'), PDFString.of(language));

  const xmp = buildXmp({
    title,
    author: info.author,
    subject: info.subject,
    language,
    creatorTool,
    producer,
    created,
    modified: now,
    pdfa: { part: 2, conformance },
  });
  const metadata = context.stream(Buffer.from(xmp, 'utf8'), { Type: 'Metadata', Subtype: 'XML' });
  doc.catalog.set(PDFName.of('Metadata'), context.register(metadata));

  icc ??= new Uint8Array(fs.readFileSync(iccFile));
  const profile = context.register(context.stream(deflateSync(icc), { N: 3, Filter: 'FlateDecode' }));
  const intent = context.obj({
    Type: 'OutputIntent',
    S: 'GTS_PDFA1',
    OutputConditionIdentifier: PDFString.of(outputCondition),
    Info: PDFString.of(outputCondition),
    RegistryName: PDFString.of('http://www.color.org'),
    DestOutputProfile: profile,
  });
  doc.catalog.set(PDFName.of('OutputIntents'), context.obj([context.register(intent)]));

  // PDF/A-2 reads PDF 1.7; the file identifier is required (derived from the content: the same PDF gets the same one).
  context.header = PDFHeader.forVersion(1, 7);
  const id = PDFHexString.of(createHash('sha256').update(pdf).digest('hex').slice(0, 32));
  context.trailerInfo.ID = context.obj([id, id]);

  const bytes = await doc.save({ useObjectStreams: false, updateFieldAppearances: false, objectsPerTick: Number.POSITIVE_INFINITY });
  return { pdf: bytes, report: { conformance, artifacts, fonts } };
}

/** Every font dictionary: embedded program (FontFile, FontFile2, FontFile3) and ToUnicode map. */
function inspectFonts(doc: PDFDocument): ArchivalReport['fonts'] {
  const context = doc.context;
  const fonts: ArchivalReport['fonts'] = [];
  for (const [, object] of context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Type')) !== PDFName.of('Font')) continue;
    const subtype = object.get(PDFName.of('Subtype'));
    if (subtype === PDFName.of('CIDFontType0') || subtype === PDFName.of('CIDFontType2')) continue; // checked through their Type0 parent
    const name = object.lookupMaybe(PDFName.of('BaseFont'), PDFName)?.decodeText() ?? '(sans nom)';
    const unicode = object.has(PDFName.of('ToUnicode'));
    if (subtype === PDFName.of('Type3')) {
      fonts.push({ name, embedded: true, unicode });
      continue;
    }
    const descendant = subtype === PDFName.of('Type0') ? object.lookupMaybe(PDFName.of('DescendantFonts'), PDFArray)?.lookupMaybe(0, PDFDict) : object;
    const descriptor = descendant?.lookupMaybe(PDFName.of('FontDescriptor'), PDFDict);
    const embedded = ['FontFile', 'FontFile2', 'FontFile3'].some((key) => descriptor?.lookupMaybe(PDFName.of(key), PDFStream) !== undefined);
    fonts.push({ name, embedded, unicode });
  }
  return fonts;
}
