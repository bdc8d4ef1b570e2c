import { importError } from './importError';

import type { ExternalReference } from '../../schemas/api/imports';

const relationship = /<Relationship\b[^>]*>/g;
const attribute = (tag: string, name: string): string | null => {
  const match = new RegExp(`\\b${name}="([^"]*)"`).exec(tag);
  return match ? match[1]! : null;
};

/**
 * The external relationships of a DOCX (linked images, an attached template, linked objects),
 * read from its `.rels` parts. Hyperlinks are ordinary external targets and are not listed.
 * Nothing is fetched: mammoth runs with `externalFileAccess: false`, and these go to the report.
 */
export function docxExternalReferences(entries: Map<string, Buffer>): ExternalReference[] {
  const found: ExternalReference[] = [];
  for (const [name, bytes] of entries) {
    if (!name.endsWith('.rels')) continue;
    for (const [tag] of bytes.toString('utf8').matchAll(relationship)) {
      if (attribute(tag, 'TargetMode') !== 'External') continue;
      const type = attribute(tag, 'Type') ?? '';
      if (type.endsWith('/hyperlink')) continue;
      const target = attribute(tag, 'Target') ?? '';
      const kind = type.endsWith('/image') ? 'image' : type.endsWith('/attachedTemplate') ? 'template' : 'other';
      found.push({ kind, target });
    }
  }
  return found;
}

/** Links to files outside the document in an ODT's objects (images, sections, OLE objects), not its text links. */
const odtObjectLink = /<(draw:image|draw:object|draw:object-ole|draw:plugin|text:section-source|draw:floating-frame)\b[^>]*xlink:href="([^"]*)"/g;

/**
 * LibreOffice converts ODT files here, and it may load what an ODT links to while converting:
 * an ODT pointing outside itself is refused before the converter sees it (its own pictures
 * are `Pictures/…` inside the archive).
 */
export function refuseOdtExternalReferences(entries: Map<string, Buffer>): void {
  const targets: string[] = [];
  for (const part of ['content.xml', 'styles.xml']) {
    const xml = entries.get(part)?.toString('utf8') ?? '';
    for (const match of xml.matchAll(odtObjectLink)) {
      const href = match[2]!;
      if (/^[a-z][a-z0-9+.-]*:|^\/|^\\|^\.\./i.test(href)) targets.push(href);
    }
  }
  if (targets.length > 0) {
    throw importError(
      'import_external_reference',
      `Ce document ODT contient des éléments liés hors du fichier (${targets.slice(0, 3).join(', ')}) : incorporez-les dans le document (Édition › Liens externes › Déconnecter), puis importez-le à nouveau.`,
    );
  }
}
