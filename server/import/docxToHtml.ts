import type mammothModule from 'mammoth';
import { sniffImage } from '../images/sniffImage';
import { lazyRequire } from '../lazyRequire';
import { importError } from './importError';
import { importLimits } from './importLimits';

/** An image found in the document, kept aside (the HTML refers to it as `import-image:<index>`). */
export interface SourceImage {
  index: number;
  contentType: string;
  data: Buffer;
}

export interface SourceHtml {
  html: string;
  images: SourceImage[];
  /** Images left out for their size or type, with why. */
  imagesRefused: string[];
  /** What mammoth could not convert (unknown styles, linked images…), as it says it. */
  warnings: string[];
  /** The document was written by this product's own export (its cover and table of contents are dropped). */
  ownExport: boolean;
}

/** Loaded with the first import. */
const mammoth = lazyRequire<typeof mammothModule>('mammoth');

export const imageSrcPrefix = 'import-image:';

/**
 * How the paragraph styles of Word, LibreOffice and this product's own DOCX export become HTML.
 * The export's cover, table of contents, legal-basis lines, « Partie à rédiger » placeholders
 * and table captions are its own furniture, not content: they are dropped so a round trip gives
 * the same chapters. Its « Intertitre n » sub-headings are the text's own headings (h5/h6 here,
 * level n+1 in the editor); Heading 1–3 (« Titre 1–3 ») are the chapters.
 */
const styleMap = [
  // Headings first: Word and LibreOffice number them through list numbering, which the list rules would take.
  ...[1, 2, 3, 4, 5, 6].flatMap((n) => [`p[style-name='heading ${n}'] => h${n}:fresh`, `p[style-name='Titre ${n}'] => h${n}:fresh`]),
  // A list paragraph stays a list item whatever its style (the rules below would win otherwise).
  ...[1, 2, 3, 4, 5, 6].flatMap((level) => {
    const parents = 'ul|ol > li > '.repeat(level - 1);
    return [`p:unordered-list(${level}) => ${parents}ul > li:fresh`, `p:ordered-list(${level}) => ${parents}ol > li:fresh`];
  }),
  "p[style-name='Garde — organisation'] => p.pmp-own-export:fresh",
  "p[style-name='Garde — nature'] => !",
  "p[style-name='Garde — titre'] => !",
  "p[style-name='Garde — période'] => !",
  "p[style-name='Base légale'] => !",
  "p[style-name='À rédiger'] => !",
  "p[style-name='Légende de tableau'] => p.pmp-caption:fresh",
  "p[style-name='TOC Heading'] => !",
  "p[style-name='Intertitre 1'] => h6.sub-2:fresh",
  "p[style-name='Intertitre 2'] => h6.sub-3:fresh",
  "p[style-name='Intertitre 3'] => h6.sub-4:fresh",
  "p[style-name='Texte de tableau'] => p:fresh",
  "p[style-name='Titre'] => h1:fresh",
  "p[style-name='Title'] => h1:fresh",
  "p[style-name='Citation'] => blockquote > p:fresh",
  "p[style-name='Quote'] => blockquote > p:fresh",
  ...[1, 2, 3, 4].flatMap((n) => [`p[style-name='toc ${n}'] => !`, `p[style-name='Contents ${n}'] => !`, `p[style-name='Table des matières ${n}'] => !`]),
  // LibreOffice's own paragraph and character styles (HTML and ODT sources pass through it).
  "p[style-name='Body Text'] => p:fresh",
  "p[style-name='Text Body'] => p:fresh",
  "p[style-name='Table Contents'] => p:fresh",
  "p[style-name='Table Heading'] => p:fresh",
  "p[style-name='Contenu de tableau'] => p:fresh",
  "p[style-name='Corps de texte'] => p:fresh",
  "r[style-name='Emphasis'] => em",
  "r[style-name='Accentuation'] => em",
  "r[style-name='Strong Emphasis'] => strong",
  "r[style-name='Strong'] => strong",
  "r[style-name='Accentuation forte'] => strong",
  'u => u',
  'strike => s',
];

/**
 * DOCX → semantic HTML with mammoth: external files are never read (`externalFileAccess:
 * false`), images are kept aside within their size limits, and everything mammoth could not
 * convert is returned as warnings for the report.
 */
export async function docxToHtml(docx: Buffer): Promise<SourceHtml> {
  const images: SourceImage[] = [];
  const imagesRefused: string[] = [];
  let imageBytes = 0;
  const convertImage = mammoth().images.imgElement(async (image) => {
    const data = await image.readAsBuffer();
    const index = images.length + imagesRefused.length + 1;
    // The type Word declares is not trusted: the bytes say what the image is (an SVG can carry script).
    const sniffed = sniffImage(data);
    if (!sniffed) {
      imagesRefused.push(`image ${index} (${image.contentType}) : format non conservé (PNG, JPEG, GIF, WebP seulement)`);
      return { src: '' };
    }
    if (data.byteLength > importLimits.imageBytes || imageBytes + data.byteLength > importLimits.imagesTotalBytes) {
      const why =
        data.byteLength > importLimits.imageBytes
          ? `au plus ${importLimits.imageBytes / 1024 / 1024} Mo par image`
          : `au plus ${importLimits.imagesTotalBytes / 1024 / 1024} Mo d’images par import`;
      imagesRefused.push(`image ${index} (${Math.ceil(data.byteLength / 1024)} Ko) : trop volumineuse (${why})`);
      return { src: '' };
    }
    imageBytes += data.byteLength;
    images.push({ index, contentType: sniffed.contentType, data });
    return { src: `${imageSrcPrefix}${index}` };
  });
  let result: Awaited<ReturnType<typeof mammothModule.convertToHtml>>;
  try {
    result = await mammoth().convertToHtml(
      { buffer: docx },
      {
        styleMap,
        convertImage,
        externalFileAccess: false,
        ignoreEmptyParagraphs: true,
      },
    );
  } catch {
    throw importError(
      'import_corrupt',
      'Le document Word ne peut pas être lu : sa structure est endommagée. Enregistrez-le à nouveau depuis Word ou LibreOffice.',
    );
  }
  const warnings = result.messages.map((m) => m.message);
  return { html: result.value, images, imagesRefused, warnings, ownExport: result.value.includes('class="pmp-own-export"') };
}
