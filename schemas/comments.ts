import * as Y from 'yjs';
import { z } from 'zod';

/**
 * Comment threads live in the Y.Doc (root `comments`, docs/YJS.md) so that they appear live for
 * every member and follow the text: a thread is anchored by two Yjs relative positions, which
 * keep pointing at the same characters whatever is typed before or inside them (as the
 * comments of Tiptap's collaboration provider and of Outline do).
 */
export const commentsMapName = 'comments';

export const commentLimits = { body: 4000, quote: 1000, mentions: 50 } as const;

export const ThreadId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const ClientClock = z.object({ client: z.number().int().nonnegative(), clock: z.number().int().nonnegative() });
/** `Y.relativePositionToJSON` of a position in a section's text. */
export const RelativePositionJson = z.object({
  type: ClientClock.optional(),
  tname: z.string().max(200).optional(),
  item: ClientClock.optional(),
  assoc: z.number().int().optional(),
});
export type RelativePositionJson = z.infer<typeof RelativePositionJson>;

/** Where a thread is anchored, and the text it was anchored on (shown when that text is gone). */
export const CommentAnchor = z.object({ start: RelativePositionJson, end: RelativePositionJson, quote: z.string().max(commentLimits.quote) });
export type CommentAnchor = z.infer<typeof CommentAnchor>;

const Body = z.string().trim().min(1).max(commentLimits.body);
const UserId = z.string().min(1).max(64);
const Instant = z.string().min(1).max(40);
const Mentions = z.array(UserId).max(commentLimits.mentions);

/** The fields of a thread's first message and of a reply, each a plain value. */
export const messageFields = { id: ThreadId, authorId: UserId, createdAt: Instant, body: Body, mentions: Mentions } as const;
/** A thread's own fields (plain values) besides its `replies` list. */
export const threadFields = {
  ...messageFields,
  sectionId: z.string().min(1).max(200),
  anchor: CommentAnchor,
  resolved: z.boolean(),
  /** Who resolved it last and when ('' while open). */
  resolvedBy: z.string().max(64),
  resolvedAt: z.string().max(40),
} as const;
/** Fields a message's author may change after creating it. */
export const authorEditable = new Set(['body', 'mentions']);
/** Fields that resolve or reopen a thread: its author's or a coordinator's. */
export const resolutionFields = new Set(['resolved', 'resolvedBy', 'resolvedAt']);

export function commentsMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap<Y.Map<unknown>>(commentsMapName);
}

export interface NewMessage {
  id: string;
  authorId: string;
  body: string;
  mentions: string[];
  createdAt?: string;
}

function fillMessage(map: Y.Map<unknown>, message: NewMessage): void {
  map.set('id', message.id);
  map.set('authorId', message.authorId);
  map.set('createdAt', message.createdAt ?? new Date().toISOString());
  map.set('body', message.body);
  map.set('mentions', message.mentions);
}

/** Opens a thread on a range of a section's text (in the caller's transaction). */
export function addThread(doc: Y.Doc, thread: NewMessage & { sectionId: string; anchor: CommentAnchor }): void {
  const map = new Y.Map<unknown>();
  fillMessage(map, thread);
  map.set('sectionId', thread.sectionId);
  map.set('anchor', thread.anchor);
  map.set('resolved', false);
  map.set('resolvedBy', '');
  map.set('resolvedAt', '');
  map.set('replies', new Y.Array<Y.Map<unknown>>());
  commentsMap(doc).set(thread.id, map);
}

export function addReply(doc: Y.Doc, threadId: string, reply: NewMessage): void {
  const replies = commentsMap(doc).get(threadId)?.get('replies');
  if (!(replies instanceof Y.Array)) throw new Error(`no thread ${threadId}`);
  const map = new Y.Map<unknown>();
  fillMessage(map, reply);
  replies.push([map]);
}

/** Resolves (or reopens) a thread, saying who did. */
export function setResolved(doc: Y.Doc, threadId: string, resolved: boolean, userId: string): void {
  const thread = commentsMap(doc).get(threadId);
  if (!thread) return;
  thread.set('resolved', resolved);
  thread.set('resolvedBy', resolved ? userId : '');
  thread.set('resolvedAt', resolved ? new Date().toISOString() : '');
}

/** The anchor of a range of one Y.XmlText (tests and tools; the editor uses y-prosemirror's mapping). */
export function anchorInText(text: Y.XmlText, from: number, to: number): CommentAnchor {
  return {
    start: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, from)) as RelativePositionJson,
    // Sticks to the last character of the range: text typed right after it is not in the comment.
    end: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, to, -1)) as RelativePositionJson,
    quote: plainOf(text).slice(from, to),
  };
}

/** The characters of a Y.XmlText without its formatting (an embed is U+FFFC). */
export function plainOf(text: Y.XmlText): string {
  return (text.toDelta() as { insert: unknown }[]).map((op) => (typeof op.insert === 'string' ? op.insert : '\uFFFC')).join('');
}
