import type { RichMark, RichNode } from '../model/types';
import { frenchDateTime } from '../model/french';
import { embeddedImage } from '../model/images';

/**
 * Rich text shaped for the Handlebars templates: one boolean flag per block kind (Handlebars
 * has no switch) and plain strings, which the templates escape. No HTML is built here.
 */
export interface InlineView {
  text: string;
  br: boolean;
  bold: boolean;
  italic: boolean;
  underline: boolean;
  strike: boolean;
  code: boolean;
  /** An http(s)/mailto target (the model dropped the others), or null. */
  href: string | null;
  /** The working copy only: a pending suggestion, shown as such ("Ajout proposé par …, le …"). */
  suggestion?: { kind: 'insert' | 'delete'; title: string };
}

/** A suggestion mark as the working copy shows it (the other exports never keep one). */
function suggestionOf(marks: RichMark[] | undefined): InlineView['suggestion'] {
  for (const [type, kind, label] of [
    ['suggestionInsert', 'insert', 'Ajout proposé'],
    ['suggestionDelete', 'delete', 'Suppression proposée'],
  ] as const) {
    const mark = marks?.find((m) => m.type === type);
    if (!mark) continue;
    const name = typeof mark.attrs?.authorName === 'string' ? mark.attrs.authorName : '';
    const at = typeof mark.attrs?.at === 'string' ? mark.attrs.at : '';
    return { kind, title: `${label}${name ? ` par ${name}` : ''}${at ? `, ${frenchDateTime(new Date(at))}` : ''}` };
  }
  return undefined;
}

export type BlockView =
  | { paragraph: true; inlines: InlineView[] }
  | { heading: true; level: number; inlines: InlineView[] }
  | { list: true; ordered: boolean; start: number; items: BlockView[][] }
  | { blockquote: true; blocks: BlockView[] }
  | { table: true; head: CellView[][]; rows: CellView[][] }
  | { codeBlock: true; text: string }
  | { image: true; src: string; alt: string }
  | { rule: true };

export interface CellView {
  header: boolean;
  colspan: number;
  rowspan: number;
  blocks: BlockView[];
}

const has = (marks: RichMark[] | undefined, type: string): boolean => marks?.some((m) => m.type === type) ?? false;

function inlines(nodes: RichNode[] | undefined): InlineView[] {
  return (nodes ?? []).flatMap((node): InlineView[] => {
    if (node.type === 'hardBreak') return [{ text: '', br: true, bold: false, italic: false, underline: false, strike: false, code: false, href: null }];
    if (node.type !== 'text' || !node.text) return inlines(node.content);
    const link = node.marks?.find((m) => m.type === 'link');
    return [
      {
        text: node.text,
        br: false,
        bold: has(node.marks, 'bold'),
        italic: has(node.marks, 'italic'),
        underline: has(node.marks, 'underline'),
        strike: has(node.marks, 'strike'),
        code: has(node.marks, 'code'),
        href: typeof link?.attrs?.href === 'string' ? link.attrs.href : null,
        suggestion: suggestionOf(node.marks),
      },
    ];
  });
}

const span = (value: unknown): number => (typeof value === 'number' && value > 1 && value < 100 ? Math.floor(value) : 1);

function cells(row: RichNode, headerBaseLevel: number): CellView[] {
  return (row.content ?? []).map((cell) => ({
    header: cell.type === 'tableHeader',
    colspan: span(cell.attrs?.colspan),
    rowspan: span(cell.attrs?.rowspan),
    blocks: blocks(cell.content, headerBaseLevel),
  }));
}

/**
 * Blocks of a section body. Rich-text headings (levels 2–4 in the editor) nest under the
 * chapter heading: level 2 sits one level below a chapter at `chapterLevel`.
 */
export function blocks(nodes: RichNode[] | undefined, chapterLevel: number): BlockView[] {
  return (nodes ?? []).flatMap((node): BlockView[] => {
    switch (node.type) {
      case 'paragraph':
        return [{ paragraph: true, inlines: inlines(node.content) }];
      case 'heading': {
        const level = typeof node.attrs?.level === 'number' ? node.attrs.level : 2;
        return [{ heading: true, level: Math.min(6, Math.max(1, chapterLevel + level - 1)), inlines: inlines(node.content) }];
      }
      case 'bulletList':
      case 'orderedList':
        return [
          {
            list: true,
            ordered: node.type === 'orderedList',
            start: typeof node.attrs?.start === 'number' ? node.attrs.start : 1,
            items: (node.content ?? []).map((item) => blocks(item.content, chapterLevel)),
          },
        ];
      case 'blockquote':
        return [{ blockquote: true, blocks: blocks(node.content, chapterLevel) }];
      case 'table': {
        const rows = (node.content ?? []).map((row) => cells(row, chapterLevel));
        // A first row made only of header cells becomes <thead>, repeated on each page.
        const headed = rows.length > 1 && rows[0]!.every((c) => c.header);
        return [{ table: true, head: headed ? rows.slice(0, 1) : [], rows: headed ? rows.slice(1) : rows }];
      }
      case 'codeBlock':
        return [{ codeBlock: true, text: (node.content ?? []).map((t) => t.text ?? '').join('') }];
      case 'horizontalRule':
        return [{ rule: true }];
      case 'image': {
        // Inline data: the print page fetches nothing (pdfRenderer.ts aborts every other request).
        const image = embeddedImage(node);
        return image ? [{ image: true, src: `data:${image.contentType};base64,${image.base64}`, alt: image.alt }] : [];
      }
      default:
        // A node the renderer does not know still shows its text.
        if (node.content?.some((c) => c.type === 'text')) return [{ paragraph: true, inlines: inlines(node.content) }];
        return node.content ? blocks(node.content, chapterLevel) : [];
    }
  });
}
