import type * as Y from 'yjs';
import { acceptedText } from '../../../schemas/acceptedText';
import { isAllowedLink } from '../../../schemas/allowedLink';
import { richText } from '../../richText/runtime';
import type { RichMark, RichNode } from './types';

/**
 * A link mark survives only with an http(s)/mailto target: the editor refuses others, but a
 * hand-crafted Yjs update can still carry `javascript:` or `file:` — an export must not.
 */
function cleanMarks(marks: RichMark[] | undefined): RichMark[] | undefined {
  if (!marks) return undefined;
  const kept = marks.filter((m) => m.type !== 'link' || (typeof m.attrs?.href === 'string' && isAllowedLink(m.attrs.href)));
  return kept.length ? kept.map((m) => (m.type === 'link' ? { type: 'link', attrs: { href: String(m.attrs!.href).trim() } } : m)) : undefined;
}

function clean(node: RichNode): RichNode {
  const out: RichNode = { type: node.type };
  if (node.attrs) out.attrs = node.attrs;
  if (node.text !== undefined) out.text = node.text;
  const marks = cleanMarks(node.marks);
  if (marks) out.marks = marks;
  if (node.content) out.content = node.content.map(clean);
  return out;
}

/**
 * A section's rich text as ProseMirror JSON, through the editor's schema (unknown nodes
 * dropped). Exports show the text as it stands (pending insertions out, pending deletions kept);
 * the committees' working copy keeps the suggestions, marked.
 */
export function fragmentToRichText(fragment: Y.XmlFragment, options: { keepSuggestions?: boolean } = {}): RichNode {
  const json = richText().fragmentJson(fragment) as RichNode;
  return clean(options.keepSuggestions ? json : acceptedText(json));
}

/** True when a rich-text document holds no visible text. */
export function isEmptyRichText(node: RichNode): boolean {
  if (node.type === 'text') return !(node.text ?? '').trim();
  if (node.type === 'image') return false;
  return (node.content ?? []).every(isEmptyRichText);
}

/** The plain text of a node (used for table-of-contents labels and tests). */
export function richPlainText(node: RichNode): string {
  if (node.type === 'text') return node.text ?? '';
  if (node.type === 'hardBreak') return '\n';
  return (node.content ?? []).map(richPlainText).join(node.type === 'doc' ? '\n' : '');
}

/**
 * Rich text stored as JSON elsewhere (a PV extract): kept only if it has the shape of a
 * ProseMirror document, with the same link filter as section text.
 */
export function richTextFromJson(value: unknown, depth = 0): RichNode | null {
  if (!value || typeof value !== 'object' || Array.isArray(value) || depth > 64) return null;
  const node = value as Record<string, unknown>;
  if (typeof node.type !== 'string') return null;
  const out: RichNode = { type: node.type };
  if (typeof node.text === 'string') out.text = node.text;
  if (node.attrs && typeof node.attrs === 'object' && !Array.isArray(node.attrs)) out.attrs = node.attrs as Record<string, unknown>;
  if (Array.isArray(node.marks)) {
    out.marks = node.marks.filter((m): m is RichMark => !!m && typeof m === 'object' && typeof (m as RichMark).type === 'string');
  }
  if (Array.isArray(node.content)) out.content = node.content.map((c) => richTextFromJson(c, depth + 1)).filter((c): c is RichNode => c !== null);
  return depth === 0 ? clean(out) : out;
}
