import type { Alteration, ChapterChoice, ExternalReference } from '../../schemas/api/imports';
import type { Etablissement } from '../../schemas/structured';
import { checkArchive } from './archive';
import { docxToHtml, type SourceImage } from './docxToHtml';
import { docxExternalReferences, refuseOdtExternalReferences } from './externalReferences';
import { proposeMapping, type MappingLine } from './mapping';
import { sourceParts, type SourcePart } from './sourceParts';

/** What the conversion needs from the project: plain data, so that another thread can run it. */
export interface ConvertInput {
  /** The uploaded file, or LibreOffice's DOCX of an uploaded ODT. */
  data: Uint8Array;
  etablissements: Etablissement[];
  chapters: ChapterChoice[];
}

export type ConvertOutcome =
  /** An ODT, checked: LibreOffice must turn it into a DOCX first (a child process, odtToDocx.ts). */
  | { kind: 'odt' }
  | {
      kind: 'converted';
      parts: SourcePart[];
      mapping: MappingLine[];
      alterations: Alteration[];
      externalReferences: ExternalReference[];
      images: SourceImage[];
      imagesFound: number;
    };

/**
 * An uploaded file → parts of the editor's schema and their proposed chapters: the archive
 * checks (bombs, encryption, format), external references listed (never fetched), DOCX → HTML
 * (mammoth), HTML → parts (ProseMirror's parser), mapping. CPU-bound for a long document
 * (about 2 s for 100 pages): run in a worker thread (importConverter.ts).
 */
export async function convertUpload(input: ConvertInput): Promise<ConvertOutcome> {
  const data = Buffer.from(input.data.buffer, input.data.byteOffset, input.data.byteLength);
  const archive = await checkArchive(data);
  if (archive.format === 'odt') {
    refuseOdtExternalReferences(archive.entries);
    return { kind: 'odt' };
  }
  const externalReferences = docxExternalReferences(archive.entries);
  const html = await docxToHtml(data);
  const { parts, alterations } = await sourceParts(html, input.etablissements);
  if (externalReferences.length > 0) {
    alterations.push({
      what: 'Références externes ignorées, jamais téléchargées (images liées, modèle distant)',
      count: externalReferences.length,
      details: externalReferences
        .slice(0, 10)
        .map((r) => `${r.kind === 'image' ? 'image liée' : r.kind === 'template' ? 'modèle' : 'objet lié'} : ${r.target.slice(0, 120)}`),
    });
  }
  return {
    kind: 'converted',
    parts,
    mapping: proposeMapping(parts, input.chapters),
    alterations,
    externalReferences,
    images: html.images,
    imagesFound: html.images.length + html.imagesRefused.length,
  };
}
