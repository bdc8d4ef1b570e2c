import type * as Y from 'yjs';
import { fragmentName, metaMapName, readOutline } from '../../../schemas/docLayout';
import { documentKinds, type DocumentKind, type SectionNode } from '../../../schemas/project';
import { etablissementsOf } from '../../../schemas/structured';
import { getTemplate } from '../../../templates';
import { frenchDate, frenchDateTime, periodOfTitle } from './french';
import type { ExportImages } from '../exportImages';
import { embedImages } from './images';
import { fragmentToRichText, isEmptyRichText } from './richText';
import { structuredBlocks } from './structured';
import type { Chapter, DocumentModel, ReviewCommentSource, ReviewCommentView, TimelineEntry } from './types';

/** What the Y.Doc does not know: where the document comes from and which state it is. */
export interface ModelContext {
  organisation: string;
  /** Used when the Y.Doc's meta has no title (a corrupted or very old document). */
  fallbackTitle: string;
  fallbackKind: DocumentKind;
  /** null for the current (not frozen) text. */
  version: { label: string; hash: string; createdAt: string } | null;
  status: string;
  timeline: TimelineEntry[];
  /** When the export is produced; passed in so the function stays pure. */
  now: Date;
  /**
   * The committees' working copy ("version de travail avec suggestions et commentaires"):
   * pending suggestions shown marked instead of left out, and the comment threads in an annex.
   */
  workingCopy?: { comments: ReviewCommentSource[] };
  /** The images the text shows, by SHA-256 (exportImages.ts); an image missing here is named, not shown. */
  images?: ExportImages;
  /** Names of the project's members by user id: the pilots and référents chosen among them. */
  people?: Record<string, string>;
}

function chapters(
  doc: Y.Doc,
  nodes: SectionNode[],
  prefix: string,
  depth: number,
  counter: { fiches: number; keepSuggestions: boolean; images: ExportImages; people: Record<string, string> },
): Chapter[] {
  return nodes.map((node, index) => {
    const number = prefix ? `${prefix}.${index + 1}` : String(index + 1);
    const body = embedImages(fragmentToRichText(doc.getXmlFragment(fragmentName(node.id)), { keepSuggestions: counter.keepSuggestions }), counter.images);
    const blocks = structuredBlocks(doc, node.id, node.blocks, counter);
    return {
      id: node.id,
      number,
      depth,
      title: node.title || 'Partie sans titre',
      legalBasis: node.legalBasis ?? null,
      mandatory: node.mandatory,
      body,
      empty: isEmptyRichText(body) && blocks.length === 0,
      notApplicable: node.notApplicable?.reason ?? null,
      blocks,
      children: chapters(doc, node.children, number, depth + 1, counter),
    };
  });
}

/**
 * The document model of a project's Y.Doc (live or frozen): pure, no I/O. Both renderers read
 * only this, so the PDF and the DOCX show the same chapters, numbers and tables.
 */
export function buildDocumentModel(doc: Y.Doc, context: ModelContext): DocumentModel {
  const meta = doc.getMap<unknown>(metaMapName);
  const rawKind = meta.get('kind');
  const kind = documentKinds.includes(rawKind as DocumentKind) ? (rawKind as DocumentKind) : context.fallbackKind;
  const template = getTemplate(kind);
  const title = (typeof meta.get('title') === 'string' && String(meta.get('title')).trim()) || context.fallbackTitle;
  const declaredPeriod = meta.get('period');
  const built = chapters(doc, readOutline(doc), '', 1, {
    fiches: 0,
    keepSuggestions: context.workingCopy !== undefined,
    images: context.images ?? {},
    people: context.people ?? {},
  });
  return {
    meta: {
      organisation: context.organisation,
      kind,
      kindLabel: template.label,
      legalBasis: template.legalBasis,
      title,
      period: typeof declaredPeriod === 'string' && declaredPeriod.trim() ? declaredPeriod.trim() : periodOfTitle(title),
      versionLabel: context.workingCopy
        ? 'Version de travail avec suggestions et commentaires'
        : context.version
          ? context.version.label
          : 'Texte courant (non figé)',
      versionHash: context.version?.hash ?? null,
      status: context.status,
      date: frenchDate(context.version ? context.version.createdAt : context.now),
      generatedAt: frenchDateTime(context.now),
      etablissements: etablissementsOf(doc).filter((e) => typeof e?.name === 'string'),
    },
    chapters: built,
    timeline: context.timeline,
    ...(context.workingCopy ? { reviewComments: placeComments(built, context.workingCopy.comments) } : {}),
  };
}

/** Threads in chapter order, each named by its chapter's number and title. */
function placeComments(built: Chapter[], comments: ReviewCommentSource[]): ReviewCommentView[] {
  const order = flattenChapters(built);
  const rank = new Map(order.map((c, index) => [c.id, index]));
  const label = new Map(order.map((c) => [c.id, `${c.number} ${c.title}`]));
  return [...comments]
    .sort((a, b) => (rank.get(a.sectionId) ?? order.length) - (rank.get(b.sectionId) ?? order.length))
    .map(({ sectionId, ...thread }) => ({ ...thread, chapter: label.get(sectionId) ?? 'Partie supprimée' }));
}

/** Every chapter, depth first, in document order. */
export function flattenChapters(list: Chapter[]): Chapter[] {
  return list.flatMap((c) => [c, ...flattenChapters(c.children)]);
}
