import * as Y from 'yjs';
import type { z } from 'zod';
import { authorEditable, messageFields, resolutionFields, threadFields, ThreadId } from '../../schemas/comments';
import { sectionEntry } from '../../schemas/docLayout';
import type { Change } from '../yjs/updateScope';
import type { ZoneViolation } from './zoneViolation';
import { checkComplete, checkRemoval, isDead, typeOf, valueOf, type ZoneContext } from './structuredRecords';

const invalid = (detail: string): ZoneViolation => ({ refusal: 'invalid', detail });
const removedBy = new WeakMap<ZoneContext, Set<Y.Item>>();

/** Items the update removes: removing a message removes its fields and replies, checked as one removal. */
function removed(ctx: ZoneContext): Set<Y.Item> {
  let items = removedBy.get(ctx);
  if (!items) {
    items = new Set(ctx.scope.changes.filter((c) => c.kind === 'delete').map((c) => c.item));
    removedBy.set(ctx, items);
  }
  return items;
}
const forbidden = (detail: string): ZoneViolation => ({ refusal: 'forbidden', detail });

/** The author of a thread or reply the document already holds; 'staged' while its creation waits for its commit. */
function authorOf(ctx: ZoneContext, message: Y.Item): string | 'staged' {
  if (message.id.clock >= Y.getState(ctx.doc.store, message.id.client)) return 'staged';
  const type = typeOf(message);
  const author = type instanceof Y.Map ? type.get('authorId') : undefined;
  return typeof author === 'string' ? author : '';
}

/** Who may change a field of an existing message: its author (body, mentions), or author and coordinators (resolution). */
function mayChange(ctx: ZoneContext, message: Y.Item, key: string, isThread: boolean): ZoneViolation | null {
  const author = authorOf(ctx, message);
  if (author === 'staged') return { refusal: 'unresolved', detail: 'change to a comment not yet committed' };
  if (authorEditable.has(key)) return author === ctx.rights.userId ? null : forbidden(`${key} of another's comment`);
  if (isThread && resolutionFields.has(key))
    return author === ctx.rights.userId || ctx.rights.canManage ? null : forbidden('resolution by neither author nor coordinator');
  return forbidden(`${key} of a comment is fixed`);
}

/** A value the update writes into a message: valid for its field; a new message is signed by the writer. */
function checkField(ctx: ZoneContext, change: Change, fields: Record<string, z.ZodType>, message: Y.Item, isThread: boolean): ZoneViolation | null {
  const key = change.location.path[change.location.path.length - 1];
  const schema = typeof key === 'string' ? fields[key] : undefined;
  if (typeof key !== 'string' || (!schema && !(isThread && key === 'replies'))) return invalid(`unknown comment field ${String(key)}`);
  const isNew = ctx.inserted.has(message);
  if (!isNew) {
    const refused = mayChange(ctx, message, key, isThread);
    if (refused) return refused;
    if (change.kind === 'delete') return checkRemoval(ctx, change);
  } else if (change.kind === 'delete') return null;
  if (isDead(ctx, change.item)) return null;
  if (key === 'replies') return isNew && typeOf(change.item) instanceof Y.Array ? null : invalid('replies are a list created with their thread');
  const written = valueOf(change.item);
  if (!written || !schema!.safeParse(written.value).success) return invalid(`bad value for comment ${key}`);
  if (isNew && key === 'authorId' && written.value !== ctx.rights.userId) return forbidden('a comment signed by someone else');
  if (key === 'resolvedBy' && written.value !== '' && written.value !== ctx.rights.userId) return forbidden('resolved in someone else’s name');
  if (key === 'sectionId' && !sectionEntry(ctx.doc, written.value as string)) return invalid(`comment on unknown section ${String(written.value)}`);
  return null;
}

/** A thread or a reply removed: only by its author (a thread, only while nobody else replied). */
function checkMessageRemoval(ctx: ZoneContext, message: Y.Item, isThread: boolean): ZoneViolation | null {
  const author = authorOf(ctx, message);
  if (author === 'staged') return { refusal: 'unresolved', detail: 'removal of a comment not yet committed' };
  if (author !== ctx.rights.userId) return forbidden('removal of another’s comment');
  if (!isThread) return null;
  const replies = (typeOf(message) as Y.Map<unknown>).get('replies');
  const others = replies instanceof Y.Array && replies.toArray().some((r: unknown) => !(r instanceof Y.Map) || r.get('authorId') !== ctx.rights.userId);
  return others ? forbidden('removal of a thread others replied to') : null;
}

/**
 * `comments` (docs/YJS.md): threadId → thread map with a `replies` list of message maps. Every
 * message belongs to its author: created signed by the writer and complete; its body and
 * mentions changed, and itself removed, by its author only; a thread resolved or reopened by its
 * author or a coordinator; every other field fixed once written.
 */
export function commentViolation(ctx: ZoneContext, change: Change): ZoneViolation | null {
  const { path, holders } = change.location;
  const threadId = path[0];
  if (typeof threadId !== 'string' || !ThreadId.safeParse(threadId).success) return invalid('comment thread key');
  const thread = path.length === 1 ? change.item : holders[0]!;
  if (path.length > 1 && change.kind === 'delete' && removed(ctx).has(thread)) return null;
  if (path.length === 1) {
    if (change.kind === 'delete') return checkMessageRemoval(ctx, change.item, true);
    return checkComplete(ctx, change.item, [...Object.keys(threadFields), 'replies'], 'new comment thread');
  }
  if (path.length === 2) return checkField(ctx, change, threadFields, thread, true);
  if (path[1] !== 'replies' || path[2] !== null) return invalid('unexpected change in a comment thread');
  const reply = path.length === 3 ? change.item : holders[2]!;
  if (path.length > 3 && change.kind === 'delete' && removed(ctx).has(reply)) return null;
  if (path.length === 3) {
    if (change.kind === 'delete') return isDead(ctx, change.item) ? null : checkMessageRemoval(ctx, change.item, false);
    return checkComplete(ctx, change.item, Object.keys(messageFields), 'new reply');
  }
  if (path.length === 4) return checkField(ctx, change, messageFields, reply, false);
  return invalid('unexpected change in a reply');
}
