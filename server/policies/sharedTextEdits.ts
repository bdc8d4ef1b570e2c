import * as Y from 'yjs';
import { z } from 'zod';
import type { Change } from '../yjs/updateScope';
import type { ZoneViolation } from './zoneViolation';

/** What the guard learnt about one shared text field the update edits. */
export interface TextCheck {
  violation: ZoneViolation | null;
  /** Characters the update adds to the field (negative when it removes more than it adds). */
  growth: number;
}

/** What the checks of shared text need from the guard's context (see structuredRecords.ts). */
export interface TextEditContext {
  scope: { changes: Change[]; deletedNew: Set<Y.Item>; staged?: { textGrowth: Map<Y.Item, number> } };
  /** The update's live inserts by the type they go in, then by key. */
  writes: Map<Y.Item | string, Map<string | null, Y.Item[]>>;
  /** One check per field the update edits, whatever the number of its changes there. */
  textChecks: Map<Y.Item, TextCheck>;
}

const invalid = (detail: string): ZoneViolation => ({ refusal: 'invalid', detail });

/** The longest text a field's schema allows. */
export function maxLengthOf(schema: z.ZodType): number {
  return schema instanceof z.ZodString ? (schema.maxLength ?? Infinity) : Infinity;
}

/** A Y.Text and not one of its kinds (an XML text carries attributes and marks). */
const isPlainText = (type: unknown): type is Y.Text => type instanceof Y.Text && !(type instanceof Y.XmlText);

/** The value a text field's key holds is a shared text (the caller checks the key takes one). */
export function isSharedTextValue(item: Y.Item): boolean {
  return item.content instanceof Y.ContentType && isPlainText(item.content.type);
}

const deletedByHolder = new WeakMap<TextEditContext, Map<Y.Item, Change[]>>();

/** The update's deletions of characters, by the shared text they are in (built once per update). */
function deletionsIn(ctx: TextEditContext, holder: Y.Item): Change[] {
  let index = deletedByHolder.get(ctx);
  if (!index) {
    index = new Map();
    for (const change of ctx.scope.changes) {
      const where = change.location.holders[change.location.holders.length - 1];
      if (change.kind !== 'delete' || !where || change.location.path[change.location.path.length - 1] !== null) continue;
      index.set(where, [...(index.get(where) ?? []), change]);
    }
    deletedByHolder.set(ctx, index);
  }
  return index.get(holder) ?? [];
}

/** Characters the update removes from a text: the union of its ranges per struct (a range given twice counts once). */
function removedLength(changes: Change[]): number {
  const byItem = new Map<Y.Item, { from: number; to: number }[]>();
  for (const change of changes) {
    if (!change.deleted || !change.item.countable) continue;
    byItem.set(change.item, [...(byItem.get(change.item) ?? []), change.deleted]);
  }
  let removed = 0;
  for (const ranges of byItem.values()) {
    ranges.sort((a, b) => a.from - b.from);
    let reached = -Infinity;
    for (const { from, to } of ranges) {
      const start = Math.max(from, reached);
      if (to > start) removed += to - start;
      reached = Math.max(reached, to);
    }
  }
  return removed;
}

/** The field's length once the update (and those staged before it) apply: within its limit. */
function checkLength(ctx: TextEditContext, holder: Y.Item, text: Y.Text, maxLength: number, what: string): TextCheck {
  const added = (ctx.writes.get(holder)?.get(null) ?? []).reduce((sum, item) => sum + (item.content instanceof Y.ContentString ? item.length : 0), 0);
  const growth = added - removedLength(deletionsIn(ctx, holder));
  // A text not yet applied (created by this update or a staged one) holds nothing yet here.
  const length = (text.doc ? text.length : 0) + (ctx.scope.staged?.textGrowth.get(holder) ?? 0) + growth;
  return { growth, violation: length > maxLength ? invalid(`${what} longer than ${maxLength}`) : null };
}

/**
 * A change inside a shared text field (docs/YJS.md): plain characters only (no formatting, embed
 * or nested type), and the field stays within its schema's length.
 */
export function textEditViolation(ctx: TextEditContext, change: Change, maxLength: number, what: string): ZoneViolation | null {
  const holder = change.location.holders[change.location.holders.length - 1];
  const text = holder?.content instanceof Y.ContentType ? holder.content.type : null;
  if (!holder || !isPlainText(text)) return invalid(`${what} is not shared text`);
  const live = !(change.item.content instanceof Y.ContentDeleted) && !ctx.scope.deletedNew.has(change.item);
  if (change.kind === 'insert' && live && !(change.item.content instanceof Y.ContentString)) return invalid(`${what}: characters only`);
  let check = ctx.textChecks.get(holder);
  if (!check) {
    check = checkLength(ctx, holder, text, maxLength, what);
    ctx.textChecks.set(holder, check);
  }
  return check.violation;
}

/** Once the whole update is accepted: what it adds to each field counts for the updates staged after it. */
export function recordTextGrowth(ctx: TextEditContext): void {
  const staged = ctx.scope.staged;
  if (!staged) return;
  for (const [holder, { growth }] of ctx.textChecks) staged.textGrowth.set(holder, (staged.textGrowth.get(holder) ?? 0) + growth);
}
