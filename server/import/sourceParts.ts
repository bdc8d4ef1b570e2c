import type { JSONContent } from '@tiptap/core';
import { DOMParser as ProseMirrorParser } from '@tiptap/pm/model';
import type { Alteration } from '../../schemas/api/imports';
import { isAllowedLink } from '../../schemas/allowedLink';
import { loadRichText } from '../richText/runtime';
import type { Etablissement } from '../../schemas/structured';
import { imageSrcPrefix, type SourceHtml } from './docxToHtml';
import { indicatorRowsOf, matrixOf, type IndicatorValues, type MatrixTable } from './structuredTables';
import { flattenTable } from './tableGrid';

/** What a part holds, in order: rich text, and tables recognised as structured parts (with their plain table, used where the target has no such block). */
export type PartItem =
  | { kind: 'rich'; nodes: JSONContent[] }
  | { kind: 'indicators'; rows: IndicatorValues[]; table: JSONContent }
  | { kind: 'matrix'; filiere: string; description: string; matrix: MatrixTable; table: JSONContent };

/** A heading of the source and what follows it up to the next heading (the preamble has none). */
export interface SourcePart {
  id: string;
  heading: string | null;
  /** 1–3 as in the source (0 for the preamble). */
  level: number;
  items: PartItem[];
  /** The first words of its text, for the preview. */
  excerpt: string;
  /** Produced by this product's own export and not content (its cover, its approval-timeline annex). */
  exportFurniture: boolean;
}

const ownIndicatorCaption = /^Indicateurs de suivi$/;
const ownMatrixCaption = /^Déclinaison de la filière/;
const ownAnnexTitle = /^annexe\s*[—–-]\s*calendrier d.approbation$/i;

class AlterationLog {
  private readonly byWhat = new Map<string, Alteration>();
  add(what: string, detail?: string): void {
    const entry = this.byWhat.get(what) ?? { what, count: 0, details: [] };
    entry.count++;
    if (detail && entry.details.length < 10) entry.details.push(detail);
    this.byWhat.set(what, entry);
  }
  list(): Alteration[] {
    return [...this.byWhat.values()];
  }
}

const unwrap = (element: Element): void => {
  element.replaceWith(...Array.from(element.childNodes));
};

/** Footnotes and endnotes: references kept as their « [1] » text, the notes gathered in one list. */
function takeNotes(body: Element, log: AlterationLog): Element[] {
  for (const back of Array.from(body.querySelectorAll('a[href^="#footnote-ref-"], a[href^="#endnote-ref-"]'))) back.remove();
  const lists = new Set<Element>();
  for (const note of Array.from(body.querySelectorAll('li[id^="footnote-"], li[id^="endnote-"]'))) {
    if (note.parentElement) lists.add(note.parentElement);
    log.add('Notes de bas de page ou de fin regroupées en fin de document (« Notes »)');
  }
  for (const list of lists) list.remove();
  return [...lists];
}

/** Leaves only what the editor shows: allowed links, the document's own images, no exponents. */
function cleanInline(body: Element, log: AlterationLog): void {
  for (const link of Array.from(body.querySelectorAll('a'))) {
    const href = link.getAttribute('href');
    if (href === null || href.startsWith('#')) unwrap(link);
    else if (!isAllowedLink(href)) {
      log.add('Liens retirés (seuls http, https et mailto sont gardés ; le texte reste)', href.slice(0, 80));
      unwrap(link);
    }
  }
  // Kept images become image nodes where they stand (stored with the project when the import is
  // applied); the others were refused by docxToHtml, which listed them, and leave no node.
  for (const image of Array.from(body.querySelectorAll('img'))) {
    if (!(image.getAttribute('src') ?? '').startsWith(imageSrcPrefix)) image.remove();
  }
  // A paragraph holding only images (Word's usual picture) becomes the images: no empty paragraph around them.
  for (const paragraph of Array.from(body.querySelectorAll('p'))) {
    if (paragraph.querySelector('img') && !(paragraph.textContent ?? '').trim()) paragraph.replaceWith(...Array.from(paragraph.querySelectorAll('img')));
  }
  for (const mark of Array.from(body.querySelectorAll('sup, sub'))) {
    log.add('Exposants et indices écrits en texte normal', (mark.textContent ?? '').slice(0, 40));
    unwrap(mark);
  }
}

/**
 * A « Filière : X » sub-heading just before a filière matrix (as the exports write it) names the
 * filière record, and the paragraphs between them are its description: both leave the text.
 */
function takeFiliereHeading(pending: Element, heading: Element | null): string {
  if (!heading || heading.parentElement !== pending || !/^\s*filière\s*:/i.test(heading.textContent ?? '')) return '';
  const description: string[] = [];
  for (let next = heading.nextElementSibling; next; next = heading.nextElementSibling) {
    if (next.tagName !== 'P') return '';
    description.push((next.textContent ?? '').trim());
    next.remove();
  }
  heading.remove();
  return description.join('\n');
}

const textOf = (node: JSONContent): string => (node.text ?? '') + (node.content ?? []).map(textOf).join(node.type === 'paragraph' ? '' : ' ');

/**
 * Cuts the converted HTML into parts at its headings of level 1–3, and turns each part into the
 * editor's schema (ProseMirror's own parser with the rich-text extensions, as the editor does).
 * Tables are split where merged, and recognised as indicator tables or filière matrices.
 */
export async function sourceParts(source: SourceHtml, etablissements: readonly Etablissement[]): Promise<{ parts: SourcePart[]; alterations: Alteration[] }> {
  // Loaded with the first import (an ES module: imported, not required).
  const { Window } = await import('happy-dom');
  const window = new Window({
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
      disableComputedStyleRendering: true,
    },
  });
  try {
    const document = window.document as unknown as Document;
    const body = document.createElement('div');
    body.innerHTML = source.html;
    const log = new AlterationLog();
    const notes = takeNotes(body, log);
    cleanInline(body, log);
    const parser = ProseMirrorParser.fromSchema((await loadRichText()).schema);
    const parts: SourcePart[] = [];
    let current: SourcePart = { id: 'part-0', heading: null, level: 0, items: [], excerpt: '', exportFurniture: source.ownExport };
    let pending = document.createElement('div');
    let lastLabel = '';
    let caption = '';
    /** The sub-heading that named the last label, while it is still waiting in `pending`. */
    let labelHeading: Element | null = null;
    const flushRich = () => {
      if (!pending.hasChildNodes()) return;
      const nodes = (parser.parse(pending).toJSON() as JSONContent).content ?? [];
      if (nodes.length > 0) current.items.push({ kind: 'rich', nodes });
      pending = document.createElement('div');
    };
    const tableJson = (table: Element): JSONContent => {
      const holder = document.createElement('div');
      holder.appendChild(table);
      return (parser.parse(holder).toJSON() as JSONContent).content?.[0] ?? { type: 'paragraph' };
    };
    const closePart = () => {
      flushRich();
      const text = current.items.flatMap((i) =>
        i.kind === 'rich' ? i.nodes.map(textOf) : [i.kind === 'indicators' ? 'Tableau d’indicateurs' : `Filière ${i.filiere}`],
      );
      current.excerpt = text.join(' ').replace(/\s+/g, ' ').trim().slice(0, 240);
      if (current.heading !== null || current.items.length > 0) parts.push(current);
    };
    for (const element of Array.from(body.children)) {
      const tag = element.tagName.toLowerCase();
      const headingLevel = /^h([1-3])$/.exec(tag);
      if (headingLevel) {
        closePart();
        const heading = (element.textContent ?? '').replace(/\s+/g, ' ').trim();
        current = {
          id: `part-${parts.length + 1}`,
          heading,
          level: Number(headingLevel[1]),
          items: [],
          excerpt: '',
          exportFurniture: source.ownExport && ownAnnexTitle.test(heading),
        };
        lastLabel = heading;
        continue;
      }
      if (tag === 'h4' || tag === 'h5' || tag === 'h6') {
        const sub = /\bsub-([2-4])\b/.exec(element.className);
        const level = sub ? sub[1]! : tag === 'h4' ? '3' : '4';
        const heading = document.createElement(`h${level}`);
        heading.append(...Array.from(element.childNodes));
        lastLabel = heading.textContent ?? '';
        labelHeading = heading;
        pending.appendChild(heading);
        continue;
      }
      if (tag === 'p' && element.classList.contains('pmp-caption')) {
        // The export's caption of its next table: says whether that table is a structured part.
        caption = element.textContent ?? '';
        continue;
      }
      if (tag === 'table') {
        const { merged, grid } = flattenTable(element);
        if (merged > 0)
          log.add(
            'Cellules fusionnées séparées (le texte reste dans la première)',
            `${merged} dans le tableau « ${(grid[0] ?? []).join(' | ').slice(0, 60)} »`,
          );
        // In the product's own export, only the tables it captioned as structured parts are
        // (an indicator-shaped table typed in the text stays text); elsewhere, the shape decides.
        const structuredCaption = source.ownExport ? caption : null;
        caption = '';
        const indicators = structuredCaption === null || ownIndicatorCaption.test(structuredCaption) ? indicatorRowsOf(grid) : null;
        const matrix = indicators || !(structuredCaption === null || ownMatrixCaption.test(structuredCaption)) ? null : matrixOf(grid, etablissements);
        if (indicators || matrix) {
          const description = matrix ? takeFiliereHeading(pending, labelHeading) : '';
          flushRich();
          const table = tableJson(element);
          const filiere = lastLabel.replace(/^\s*filière\s*:\s*/i, '').trim() || current.heading || 'Filière importée';
          current.items.push(indicators ? { kind: 'indicators', rows: indicators, table } : { kind: 'matrix', filiere, description, matrix: matrix!, table });
          continue;
        }
      }
      if (tag === 'p') lastLabel = element.textContent ?? lastLabel;
      pending.appendChild(element);
    }
    closePart();
    if (notes.length > 0) {
      current = { id: `part-${parts.length + 1}`, heading: 'Notes', level: 1, items: [], excerpt: '', exportFurniture: false };
      for (const list of notes) pending.appendChild(list);
      closePart();
    }
    for (const message of source.warnings) {
      const style = /^Unrecognised (paragraph|run) style: '([^']*)'/.exec(message);
      if (style) log.add('Styles inconnus : le texte est gardé, sans la mise en forme du style', style[2]);
      else log.add('Éléments du document non convertis (message du convertisseur)', message.slice(0, 200));
    }
    for (const refused of source.imagesRefused) log.add('Images écartées', refused);
    return { parts, alterations: log.list() };
  } finally {
    void window.happyDOM.abort();
    window.close();
  }
}
