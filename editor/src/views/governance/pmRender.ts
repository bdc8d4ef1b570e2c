import { h } from '../../dom';

/** Same rule as schemas/richText's isAllowedLink, without loading Tiptap for a read-only page. */
const isAllowedLink = (url: string): boolean => /^(https?:\/\/|mailto:)/i.test(url.trim());

/**
 * Renders ProseMirror JSON of the product's rich-text schema (a frozen version, a PV extract)
 * as read-only DOM, through text nodes only: nothing from the document is parsed as HTML.
 */
interface PmNode {
  type?: string;
  text?: string;
  attrs?: Record<string, unknown>;
  marks?: { type?: string; attrs?: Record<string, unknown> }[];
  content?: PmNode[];
}

function renderText(node: PmNode): Node {
  let out: Node = document.createTextNode(typeof node.text === 'string' ? node.text : '');
  for (const mark of node.marks ?? []) {
    switch (mark.type) {
      case 'bold':
        out = h('strong', {}, out);
        break;
      case 'italic':
        out = h('em', {}, out);
        break;
      case 'strike':
        out = h('s', {}, out);
        break;
      case 'underline':
        out = h('u', {}, out);
        break;
      case 'code':
        out = h('code', {}, out);
        break;
      case 'link': {
        const href = typeof mark.attrs?.href === 'string' ? mark.attrs.href : '';
        if (isAllowedLink(href)) out = h('a', { href, rel: 'noopener noreferrer', target: '_blank' }, out);
        break;
      }
      default:
        break;
    }
  }
  return out;
}

function children(node: PmNode, headingOffset: number): Node[] {
  return Array.isArray(node.content) ? node.content.map((c) => renderNode(c, headingOffset)) : [];
}

export function renderNode(node: PmNode, headingOffset = 0): Node {
  if (!node || typeof node !== 'object') return document.createTextNode('');
  const kids = () => children(node, headingOffset);
  switch (node.type) {
    case 'doc':
      return h('div', { class: 'pm-doc' }, ...kids());
    case 'text':
      return renderText(node);
    case 'paragraph':
      return h('p', {}, ...kids());
    case 'heading': {
      const level = Math.min(6, Math.max(2, Number(node.attrs?.level ?? 2) + headingOffset));
      return h(`h${level}` as 'h2', {}, ...kids());
    }
    case 'bulletList':
      return h('ul', {}, ...kids());
    case 'orderedList':
      return h('ol', { start: typeof node.attrs?.start === 'number' && node.attrs.start !== 1 ? node.attrs.start : null }, ...kids());
    case 'listItem':
      return h('li', {}, ...kids());
    case 'blockquote':
      return h('blockquote', {}, ...kids());
    case 'codeBlock':
      return h('pre', {}, h('code', {}, ...kids()));
    case 'horizontalRule':
      return h('hr', {});
    case 'hardBreak':
      return h('br', {});
    case 'table':
      return h('div', { class: 'pm-table-wrapper' }, h('table', { class: 'pm-table' }, h('tbody', {}, ...kids())));
    case 'tableRow':
      return h('tr', {}, ...kids());
    case 'tableHeader':
      return h('th', { scope: 'col', colspan: numberAttr(node, 'colspan'), rowspan: numberAttr(node, 'rowspan') }, ...kids());
    case 'tableCell':
      return h('td', { colspan: numberAttr(node, 'colspan'), rowspan: numberAttr(node, 'rowspan') }, ...kids());
    default:
      return h('div', {}, ...kids());
  }
}

function numberAttr(node: PmNode, name: string): number | null {
  const v = node.attrs?.[name];
  return typeof v === 'number' && v > 1 ? v : null;
}

/** A document, or an "empty" line when it has no text. */
export function renderDoc(doc: unknown, empty = 'Aucun texte.', headingOffset = 0): HTMLElement {
  const node = doc as PmNode | null;
  const hasContent = node && Array.isArray(node.content) && node.content.some((c) => c.type !== 'paragraph' || (c.content?.length ?? 0) > 0);
  if (!hasContent) return h('p', { class: 'empty' }, empty);
  return renderNode(node, headingOffset) as HTMLElement;
}
