import type * as Y from 'yjs';
import { readOutline } from '../../schemas/docLayout';
import type { SectionNode } from '../../schemas/project';
import { sectionPlainText } from '../../schemas/sectionText';
import type { ChapterChoice, MappingAction, MappingLine } from '../../schemas/api/imports';
import { containment, headingNumber, normaliseHeading, similarity } from './similarity';
import type { SourcePart } from './sourceParts';

export type { ChapterChoice, MappingAction, MappingLine, WhenNotEmpty } from '../../schemas/api/imports';

/** A similarity at least this high proposes the chapter; below, the part goes to « À classer ». */
export const matchThreshold = 0.6;

export function chapterChoices(doc: Y.Doc): ChapterChoice[] {
  const out: ChapterChoice[] = [];
  const walk = (nodes: SectionNode[], prefix: string) =>
    nodes.forEach((node, i) => {
      const number = `${prefix}${i + 1}`;
      out.push({
        sectionId: node.id,
        number,
        title: node.title,
        hasText: sectionPlainText(doc, node.id).trim() !== '',
        locked: node.locked,
        blocks: node.blocks,
      });
      walk(node.children, `${number}.`);
    });
  walk(readOutline(doc), '');
  return out;
}

/**
 * How well a source heading names a chapter, from 0 to 1: the similarity of their words
 * (accents, case, « Chapitre 3 – » prefixes ignored), or how much of the shorter one the other
 * covers; the same number (« 5.2 ») adds to it.
 */
export function headingScore(heading: string, chapter: ChapterChoice): number {
  const h = normaliseHeading(heading);
  const c = normaliseHeading(chapter.title);
  if (!h || !c) return 0;
  const [short, long] = h.length <= c.length ? [h, c] : [c, h];
  const covered = short.split(' ').length >= 2 ? 0.9 * containment(short, long) : 0;
  const number = headingNumber(heading);
  const bonus = number !== null && number === chapter.number ? 0.15 : 0;
  return Math.min(1, Math.max(similarity(h, c), covered) + bonus);
}

function structuredLabels(part: SourcePart): string[] {
  return part.items.flatMap((item) =>
    item.kind === 'indicators'
      ? [`${item.rows.length} indicateur${item.rows.length > 1 ? 's' : ''}`]
      : item.kind === 'matrix'
        ? [`matrice de la filière « ${item.filiere} » (${item.matrix.cells.length} cases)`]
        : [],
  );
}

/**
 * The proposed mapping: each part to its best chapter above the threshold; a sub-part that names
 * none follows the part above it (its heading kept as a sub-heading); else « À classer ». The
 * export's own furniture is skipped.
 */
export function proposeMapping(parts: SourcePart[], chapters: ChapterChoice[]): MappingLine[] {
  const lines: MappingLine[] = [];
  for (const part of parts) {
    let suggestion: MappingLine['suggestion'] = null;
    if (part.heading) {
      for (const chapter of chapters) {
        const score = headingScore(part.heading, chapter);
        if (score >= matchThreshold && score > (suggestion?.score ?? 0)) {
          suggestion = { sectionId: chapter.sectionId, number: chapter.number, title: chapter.title, score: Math.round(score * 100) / 100 };
        }
      }
    }
    // The nearest part above of a higher level (level 1 above a level 2…).
    const parent = [...lines].reverse().find((line) => line.level > 0 && line.level < part.level);
    const followsParent = !suggestion && !part.exportFurniture && parent !== undefined && parent.action !== 'skip';
    const action: MappingAction = part.exportFurniture ? 'skip' : suggestion ? 'section' : followsParent ? parent.action : 'unsorted';
    lines.push({
      partId: part.id,
      heading: part.heading,
      level: part.level,
      excerpt: part.excerpt,
      structured: structuredLabels(part),
      suggestion,
      action,
      sectionId: action === 'section' ? (suggestion?.sectionId ?? parent!.sectionId) : null,
      whenNotEmpty: 'append',
    });
  }
  return lines;
}

/** Whether a heading is the chapter's own title (then it is not repeated in its text). */
export function namesChapter(heading: string, chapterTitle: string): boolean {
  return headingScore(heading, { sectionId: '', number: '', title: chapterTitle, hasText: false, locked: false, blocks: [] }) >= matchThreshold;
}
