import type { Chapter, DocumentModel, FicheActionModel, IndicatorRowModel, StructuredBlock } from '../model/types';
import { blocks, type BlockView } from './richView';

/** One line of the table of contents; `page` is filled once the layout is known. */
export interface TocEntry {
  anchor: string;
  number: string;
  title: string;
  depth: number;
  page: number | null;
}

interface ChapterView {
  anchor: string;
  level: number;
  number: string;
  title: string;
  legalBasis: string | null;
  empty: boolean;
  /** Why the part is "sans objet", printed in place of "Partie à rédiger". */
  notApplicable: string | null;
  body: BlockView[];
  blocks: BlockViewOf[];
  children: ChapterView[];
}

/** Depth of the chapters listed in the table of contents. */
export const tocDepth = 2;
export const timelineAnchor = 'annexe-calendrier';
/** The working copy's annex of comment threads. */
export const commentsAnchor = 'annexe-commentaires';

const anchorOf = (chapter: Chapter): string => `ch-${chapter.number.replace(/\./g, '-')}`;

/** An indicator table drops its optional columns when no row fills them. */
export interface IndicatorTableView {
  rows: IndicatorRowModel[];
  showSource: boolean;
  showPeriodicite: boolean;
}

const indicatorTable = (rows: IndicatorRowModel[]): IndicatorTableView => ({
  rows,
  showSource: rows.some((r) => r.source),
  showPeriodicite: rows.some((r) => r.periodicite),
});

type BlockViewOf =
  | (Exclude<StructuredBlock, { kind: 'fichesActions' | 'indicators' }> & { subLevel: number })
  | { kind: 'fichesActions'; subLevel: number; fiches: (FicheActionModel & { indicatorTable: IndicatorTableView })[] }
  | { kind: 'indicators'; subLevel: number; table: IndicatorTableView };

function blockViews(list: StructuredBlock[], subLevel: number): BlockViewOf[] {
  return list.map((block): BlockViewOf => {
    if (block.kind === 'indicators') return { kind: 'indicators', subLevel, table: indicatorTable(block.rows) };
    if (block.kind === 'fichesActions') {
      return { kind: 'fichesActions', subLevel, fiches: block.fiches.map((f) => ({ ...f, indicatorTable: indicatorTable(f.indicators) })) };
    }
    return { ...block, subLevel };
  });
}

/** Chapters as the templates print them, and the table of contents they produce. */
export function documentView(model: DocumentModel) {
  const toc: TocEntry[] = [];
  const chapter = (c: Chapter): ChapterView => {
    const anchor = anchorOf(c);
    if (c.depth <= tocDepth) toc.push({ anchor, number: c.number, title: c.title, depth: c.depth, page: null });
    const level = Math.min(6, c.depth);
    return {
      anchor,
      level,
      number: c.number,
      title: c.title,
      legalBasis: c.legalBasis,
      empty: c.empty,
      notApplicable: c.notApplicable,
      body: blocks(c.body.content, level),
      blocks: blockViews(c.blocks, Math.min(6, level + 1)),
      children: c.children.map(chapter),
    };
  };
  const chapters = model.chapters.map(chapter);
  toc.push({ anchor: timelineAnchor, number: '', title: 'Annexe — Calendrier d’approbation', depth: 1, page: null });
  if (model.reviewComments) toc.push({ anchor: commentsAnchor, number: '', title: 'Annexe — Commentaires', depth: 1, page: null });
  return { chapters, toc };
}
