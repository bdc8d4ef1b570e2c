import * as Y from 'yjs';
import { fragmentName } from './docLayout';
import { CommentAnchor, commentsMap, plainOf, type RelativePositionJson } from './comments';

/** A message as read (a thread's first message, or a reply). */
export interface CommentMessage {
  id: string;
  authorId: string;
  body: string;
  createdAt: string;
  mentions: string[];
}

export interface CommentThread extends CommentMessage {
  sectionId: string;
  resolved: boolean;
  resolvedBy: string;
  resolvedAt: string;
  replies: CommentMessage[];
  /** The text the thread points at now; `detached` when that text was deleted (then `text` is the quote). */
  anchor: { text: string; detached: boolean };
}

const blockNames = new Set(['paragraph', 'heading', 'listItem', 'tableCell', 'tableHeader', 'blockquote']);

/** A section's text flattened, with where each type of the tree starts in it (to place relative positions). */
function layout(fragment: Y.XmlFragment): { text: string; starts: Map<unknown, number[]> } {
  let text = '';
  const starts = new Map<unknown, number[]>();
  const visit = (type: Y.XmlFragment | Y.XmlElement | Y.XmlText): void => {
    const offsets: number[] = [];
    starts.set(type, offsets);
    if (type instanceof Y.XmlText) {
      offsets.push(text.length);
      text += plainOf(type);
      return;
    }
    for (const child of type.toArray()) {
      offsets.push(text.length);
      if (child instanceof Y.XmlText || child instanceof Y.XmlElement) visit(child);
      if (child instanceof Y.XmlElement && blockNames.has(child.nodeName)) text += '\n';
    }
    offsets.push(text.length);
  };
  visit(fragment);
  return { text, starts };
}

function offsetOf(doc: Y.Doc, json: RelativePositionJson, starts: Map<unknown, number[]>): number | null {
  const absolute = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(json), doc);
  const offsets = absolute ? starts.get(absolute.type) : undefined;
  if (!absolute || !offsets) return null;
  return absolute.type instanceof Y.XmlText ? offsets[0]! + absolute.index : (offsets[absolute.index] ?? null);
}

/** The text a thread points at now, or its quote marked detached when that text is gone. */
export function anchoredText(doc: Y.Doc, sectionId: string, anchor: unknown): { text: string; detached: boolean } {
  const parsed = CommentAnchor.safeParse(anchor);
  if (!parsed.success) return { text: '', detached: true };
  const { text, starts } = layout(doc.getXmlFragment(fragmentName(sectionId)));
  const start = offsetOf(doc, parsed.data.start, starts);
  const end = offsetOf(doc, parsed.data.end, starts);
  const between = start !== null && end !== null && end > start ? text.slice(start, end).replace(/\s+/g, ' ').trim() : '';
  return between ? { text: between, detached: false } : { text: parsed.data.quote, detached: true };
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

function readMessage(map: Y.Map<unknown>): CommentMessage {
  return {
    id: str(map.get('id')),
    authorId: str(map.get('authorId')),
    body: str(map.get('body')),
    createdAt: str(map.get('createdAt')),
    mentions: strings(map.get('mentions')),
  };
}

/** Every thread of the document, oldest first (a stored value that is not a thread is skipped). */
export function readThreads(doc: Y.Doc): CommentThread[] {
  const threads: CommentThread[] = [];
  commentsMap(doc).forEach((value: unknown, id) => {
    if (!(value instanceof Y.Map)) return;
    const map = value as Y.Map<unknown>;
    const sectionId = str(map.get('sectionId'));
    const replies = map.get('replies');
    threads.push({
      ...readMessage(map),
      id,
      sectionId,
      resolved: map.get('resolved') === true,
      resolvedBy: str(map.get('resolvedBy')),
      resolvedAt: str(map.get('resolvedAt')),
      replies:
        replies instanceof Y.Array
          ? replies
              .toArray()
              .filter((r): r is Y.Map<unknown> => r instanceof Y.Map)
              .map(readMessage)
          : [],
      anchor: anchoredText(doc, sectionId, map.get('anchor')),
    });
  });
  return threads.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}
