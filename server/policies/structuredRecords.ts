import * as Y from 'yjs';
import { z } from 'zod';
import { sectionEntry } from '../../schemas/docLayout';
import { modalities } from '../../schemas/modalities';
import { PersonId, personFields, personIdKey } from '../../schemas/fichePeople';
import { PmpItemRef, pmpItemField } from '../../schemas/pmpLinks';
import { Etape, FicheAction, Filiere, Indicator, Objectif } from '../../schemas/records';
import { fichesActionsMap, structuredRoots, type BlockKind } from '../../schemas/structured';
import { sharedTextFields } from '../../schemas/sharedText';
import type { Change, UpdateScope } from '../yjs/updateScope';
import type { WriterRights, ZoneViolation } from './zoneViolation';
import { isSharedTextValue, maxLengthOf, textEditViolation, type TextCheck } from './sharedTextEdits';

export interface ZoneContext {
  doc: Y.Doc;
  scope: UpdateScope;
  rights: WriterRights;
  /** Structs the update inserts (its own and nothing else). */
  inserted: Set<Y.Item>;
  /** Structs of the document the update deletes. */
  deleted: Set<Y.Item>;
  /** The update's live inserts by where they go (see `liveWrites`). */
  writes: LiveWrites;
  /** The shared text fields the update edits, each checked once (see sharedTextEdits.ts). */
  textChecks: Map<Y.Item, TextCheck>;
}

/**
 * The update's inserts that stay live (not deleted content, not removed again by the update),
 * by the type they go in (the holding item, or the root's name at the top) and then by key: the
 * checks ask "what does the update write under this key of this record" once per change, and a
 * scan of every change for each made a 600 kB update of new records cost 6 s of serving thread.
 */
export type LiveWrites = Map<Y.Item | string, Map<string | null, Y.Item[]>>;

/** A struct the update inserts already deleted, or deletes again itself: it writes nothing. */
function deadIn(scope: UpdateScope, item: Y.Item): boolean {
  return item.content instanceof Y.ContentDeleted || scope.deletedNew.has(item);
}

export function liveWrites(scope: UpdateScope): LiveWrites {
  const writes: LiveWrites = new Map();
  for (const change of scope.changes) {
    if (change.kind !== 'insert' || deadIn(scope, change.item)) continue;
    const { root, path, holders } = change.location;
    const where = holders[holders.length - 1] ?? root;
    const byKey = writes.get(where) ?? new Map<string | null, Y.Item[]>();
    const key = path[path.length - 1] ?? null;
    const items = byKey.get(key);
    if (items) items.push(change.item);
    else byKey.set(key, [change.item]);
    writes.set(where, byKey);
  }
  return writes;
}

/** The live values the update writes under `key` of the type `where` holds. */
export const writtenUnder = (ctx: ZoneContext, where: Y.Item | string, key: string | null): Y.Item[] => ctx.writes.get(where)?.get(key) ?? [];

type Container = 'map' | 'array';
interface RecordRule {
  /** The block a section must carry for records of this kind to be placed in it. */
  block: BlockKind;
  fields: Record<string, z.ZodType>;
  /** Fields a record may carry but is not created with (added after the kind existed: older clients never write them). */
  optionalFields?: Record<string, z.ZodType>;
  /** Fields held as shared text (a Y.Text, or a plain string in older documents). */
  textFields: readonly string[];
  containers: Record<string, Container>;
}

const position = z.number().finite();
const recordRules: Record<string, RecordRule> = {
  [structuredRoots.filieres]: {
    block: 'filieres',
    fields: { sectionId: Filiere.shape.sectionId, name: Filiere.shape.name, description: Filiere.shape.description, position },
    textFields: sharedTextFields.filieres,
    containers: { matrix: 'map' },
  },
  [structuredRoots.fichesActions]: {
    block: 'fichesActions',
    fields: {
      sectionId: FicheAction.shape.sectionId,
      position,
      title: FicheAction.shape.title,
      filiereId: FicheAction.shape.filiereId.max(64),
      objectif: FicheAction.shape.objectif,
      modality: FicheAction.shape.modality,
      piloteMedical: FicheAction.shape.piloteMedical,
      piloteSoignant: FicheAction.shape.piloteSoignant,
      directeurReferent: FicheAction.shape.directeurReferent,
    },
    optionalFields: { [pmpItemField]: PmpItemRef, ...Object.fromEntries(personFields.map((f) => [personIdKey(f), PersonId])) },
    textFields: sharedTextFields.fichesActions,
    containers: { etablissements: 'array', etapes: 'array' },
  },
  [structuredRoots.objectifs]: {
    block: 'objectifs',
    fields: { sectionId: Objectif.shape.sectionId, parentId: Objectif.shape.parentId, level: Objectif.shape.level, label: Objectif.shape.label, position },
    optionalFields: { [pmpItemField]: PmpItemRef },
    textFields: sharedTextFields.objectifs,
    containers: {},
  },
};

const modalityIds = new Set<string>(modalities.map((m) => m.id));
const MatrixKey = z.string().refine((key) => {
  const [modality, etablissement, extra] = key.split('|');
  return extra === undefined && modalityIds.has(modality ?? '') && /^[A-Za-z0-9_-]{1,64}$/.test(etablissement ?? '');
});
const etapeFields: Record<string, z.ZodType> = Etape.shape;
const indicatorFields: Record<string, z.ZodType> = Object.fromEntries(
  Object.entries(Indicator.shape).map(([key, schema]) => [key, schema instanceof z.ZodOptional ? schema.unwrap() : schema]),
);

const invalid = (detail: string): ZoneViolation => ({ refusal: 'invalid', detail });

/** The one value a map entry's struct holds, if it is plain data. */
export function valueOf(item: Y.Item): { value: unknown } | null {
  const content = item.content;
  if ((content instanceof Y.ContentAny || content instanceof Y.ContentJSON) && content.getLength() === 1) return { value: content.getContent()[0] };
  return null;
}

/** The type a struct creates (a record, a list…), if it creates one. */
export const typeOf = (item: Y.Item): Y.AbstractType<unknown> | null => (item.content instanceof Y.ContentType ? item.content.type : null);

export const isDead = (ctx: ZoneContext, item: Y.Item): boolean => deadIn(ctx.scope, item);

/** A field value written by the update: a plain value valid for its schema. */
function checkValue(ctx: ZoneContext, item: Y.Item, schema: z.ZodType, what: string): ZoneViolation | null {
  if (isDead(ctx, item)) return null;
  const written = valueOf(item);
  if (!written || !schema.safeParse(written.value).success) return invalid(`bad value for ${what}`);
  return null;
}

/** A text field's value: a shared text (its characters are checked as edits of it), or a plain string valid for its schema. */
function checkTextValue(ctx: ZoneContext, item: Y.Item, schema: z.ZodType, what: string): ZoneViolation | null {
  if (isDead(ctx, item) || isSharedTextValue(item)) return null;
  return checkValue(ctx, item, schema, what);
}

/** A container (list, map) the update creates: of the right type, inside a record it creates. */
function checkContainer(ctx: ZoneContext, item: Y.Item, holder: Y.Item | undefined, container: Container, what: string): ZoneViolation | null {
  if (isDead(ctx, item)) return null;
  const type = typeOf(item);
  const rightType = container === 'map' ? type instanceof Y.Map : type instanceof Y.Array;
  if (!rightType) return invalid(`${what} must be a ${container}`);
  if (!holder || !ctx.inserted.has(holder)) return invalid(`${what} is created with its record only`);
  return null;
}

/** Removing a field is only replacing it: the update must write a new value for the same key. */
export function checkRemoval(ctx: ZoneContext, change: Change): ZoneViolation | null {
  const { root, path, holders } = change.location;
  const key = path[path.length - 1] ?? null;
  const holder = holders[holders.length - 1];
  // Removing a whole record (a row, an étape) deletes its fields with it: that is no field removed from a live record.
  if (holder && removedBy(ctx.scope).has(holder)) return null;
  return writtenUnder(ctx, holder ?? root, key).length > 0 ? null : invalid(`removal of field ${String(key)}`);
}

const removedByScope = new WeakMap<UpdateScope, Set<Y.Item>>();
/** The items of the document an update deletes (indexed once per update). */
function removedBy(scope: UpdateScope): Set<Y.Item> {
  let removed = removedByScope.get(scope);
  if (!removed) {
    removed = new Set(scope.changes.filter((c) => c.kind === 'delete').map((c) => c.item));
    removedByScope.set(scope, removed);
  }
  return removed;
}

/** Keys a new record (or étape, or row) must come with, all in the update that creates it. */
export function checkComplete(ctx: ZoneContext, item: Y.Item, required: string[], what: string): ZoneViolation | null {
  if (isDead(ctx, item)) return null;
  if (!(typeOf(item) instanceof Y.Map)) return invalid(`${what} must be a map`);
  const lacking = required.filter((key) => writtenUnder(ctx, item, key).length === 0);
  return lacking.length > 0 ? invalid(`${what} without ${lacking.join(', ')}`) : null;
}

/**
 * The section a record is in, for the lock check: its stored `sectionId`, or the one the update
 * gives a record it creates; 'staged' for a record of an update still waiting for its commit
 * (checked when it came).
 */
function sectionOfRecord(ctx: ZoneContext, record: Y.Item): string | null | 'staged' {
  if (ctx.inserted.has(record)) {
    const written = writtenUnder(ctx, record, 'sectionId')[0];
    const value = written && valueOf(written)?.value;
    return typeof value === 'string' ? value : null;
  }
  if (record.id.clock >= Y.getState(ctx.doc.store, record.id.client)) return 'staged';
  const type = typeOf(record);
  const value = type instanceof Y.Map ? type.get('sectionId') : undefined;
  return typeof value === 'string' ? value : null;
}

/** The section may take the writer's change: it exists and is not locked (coordinators aside). */
function checkSectionOpen(ctx: ZoneContext, sectionId: string | null | 'staged', what: string): ZoneViolation | null {
  if (sectionId === 'staged' || sectionId === null) return null;
  const section = sectionEntry(ctx.doc, sectionId);
  if (section?.get('locked') === true && !ctx.rights.canEditLocked) return { refusal: 'locked', detail: `${what} in locked section ${sectionId}` };
  return null;
}

/** A new `sectionId`: an existing section that carries the block, open to the writer. */
function checkTargetSection(ctx: ZoneContext, item: Y.Item, block: BlockKind): ZoneViolation | null {
  if (isDead(ctx, item)) return null;
  const value = valueOf(item)?.value;
  if (typeof value !== 'string') return invalid('sectionId must be a string');
  const section = sectionEntry(ctx.doc, value);
  const blocks: unknown = section?.get('blocks');
  if (!section || !Array.isArray(blocks) || !blocks.includes(block)) return invalid(`section ${value} does not take ${block}`);
  return checkSectionOpen(ctx, value, 'record moved');
}

/**
 * Removing a record (a row, a type) removes everything in it: Yjs deletes its fields, cells and
 * characters in the same update. Those deletions follow the removal's rules, not a field's.
 */
const insideRemoved = (ctx: ZoneContext, change: Change): boolean =>
  change.kind === 'delete' && change.location.holders.some((holder) => ctx.deleted.has(holder));

/** filieres, fichesActions, objectifs: maps of records keyed by id. */
function recordViolation(ctx: ZoneContext, rule: RecordRule, change: Change): ZoneViolation | null {
  const { path, holders } = change.location;
  const record = path.length === 1 ? change.item : holders[0]!;
  const locked = checkSectionOpen(ctx, sectionOfRecord(ctx, record), 'change');
  if (locked) return locked;
  if (insideRemoved(ctx, change)) return null;
  if (path.length === 1) {
    if (change.kind === 'delete') return null;
    return checkComplete(ctx, change.item, [...Object.keys(rule.fields), ...Object.keys(rule.containers)], 'new record');
  }
  const key = path[1];
  if (typeof key !== 'string') return invalid('record is not a map');
  if (path.length === 2) {
    if (change.kind === 'delete') return checkRemoval(ctx, change);
    if (key === 'sectionId') return checkValue(ctx, change.item, rule.fields.sectionId!, key) ?? checkTargetSection(ctx, change.item, rule.block);
    const field = rule.fields[key] ?? rule.optionalFields?.[key];
    if (field && rule.textFields.includes(key)) return checkTextValue(ctx, change.item, field, key);
    if (field && personIdKeys.has(key)) return checkValue(ctx, change.item, field, key) ?? checkDesignatedMember(ctx, change.item, key);
    if (field) return checkValue(ctx, change.item, field, key);
    const container = rule.containers[key];
    if (container) return checkContainer(ctx, change.item, record, container, key);
    return invalid(`unknown field ${key}`);
  }
  const textField = rule.textFields.includes(key) ? rule.fields[key] : undefined;
  if (textField && path.length === 3 && path[2] === null) return textEditViolation(ctx, change, maxLengthOf(textField), key);
  return nestedViolation(ctx, key, change);
}

const personIdKeys = new Set<string>(personFields.map(personIdKey));

/** A fiche-action's pilot or référent: a member of the project (policies/can.ts `fiche.designate`), or nobody (''). */
function checkDesignatedMember(ctx: ZoneContext, item: Y.Item, key: string): ZoneViolation | null {
  if (isDead(ctx, item)) return null;
  const value = valueOf(item)?.value;
  if (value === '') return null;
  return typeof value === 'string' && ctx.rights.mayDesignate?.(value) ? null : invalid(`${key} is not a member of the project`);
}

/** Inside a record's containers: matrix cells, établissements, étapes and their fields. */
function nestedViolation(ctx: ZoneContext, container: string, change: Change): ZoneViolation | null {
  const { path } = change.location;
  const inner = path[2];
  if (container === 'matrix' && path.length === 3) {
    if (typeof inner !== 'string' || !MatrixKey.safeParse(inner).success) return invalid('matrix key');
    return change.kind === 'delete' ? null : checkTextValue(ctx, change.item, Filiere.shape.description, 'matrix cell');
  }
  if (container === 'matrix' && path.length === 4 && path[3] === null) {
    if (typeof inner !== 'string' || !MatrixKey.safeParse(inner).success) return invalid('matrix key');
    return textEditViolation(ctx, change, maxLengthOf(Filiere.shape.description), 'matrix cell');
  }
  if (container === 'etablissements' && path.length === 3 && inner === null) {
    return change.kind === 'delete' ? null : checkListValues(ctx, change.item, FicheAction.shape.etablissements.element);
  }
  if (container === 'etapes' && path.length === 3 && inner === null) {
    return change.kind === 'delete' ? null : checkComplete(ctx, change.item, Object.keys(etapeFields), 'new étape');
  }
  if (container === 'etapes' && path.length === 4) return fieldViolation(ctx, change, etapeFields, 'étape', sharedTextFields.etape);
  if (container === 'etapes' && path.length === 5 && path[4] === null && path[2] === null) {
    return sharedTextEdit(ctx, change, etapeFields, 'étape', sharedTextFields.etape);
  }
  return invalid(`unexpected change in ${container}`);
}

/** List elements the update inserts, each valid for the list's schema. */
function checkListValues(ctx: ZoneContext, item: Y.Item, schema: z.ZodType): ZoneViolation | null {
  if (isDead(ctx, item)) return null;
  const content = item.content;
  if (!(content instanceof Y.ContentAny)) return invalid('list element');
  return content.getContent().every((value) => schema.safeParse(value).success) ? null : invalid('list element');
}

/** A key of a small map (an étape, an indicator row): known field, valid value, never removed. */
function fieldViolation(
  ctx: ZoneContext,
  change: Change,
  fields: Record<string, z.ZodType>,
  what: string,
  textFields: readonly string[],
): ZoneViolation | null {
  const key = change.location.path[change.location.path.length - 1];
  const schema = typeof key === 'string' ? fields[key] : undefined;
  if (!schema) return invalid(`unknown ${what} field`);
  if (change.kind === 'delete') return checkRemoval(ctx, change);
  return textFields.includes(key as string)
    ? checkTextValue(ctx, change.item, schema, `${what} ${key}`)
    : checkValue(ctx, change.item, schema, `${what} ${key}`);
}

/** Characters typed into a shared text field of a small map (an étape's label, an indicator's method…). */
function sharedTextEdit(
  ctx: ZoneContext,
  change: Change,
  fields: Record<string, z.ZodType>,
  what: string,
  textFields: readonly string[],
): ZoneViolation | null {
  const key = change.location.path[change.location.path.length - 2];
  const schema = typeof key === 'string' && textFields.includes(key) ? fields[key] : undefined;
  if (!schema) return invalid(`unexpected change in ${what}`);
  return textEditViolation(ctx, change, maxLengthOf(schema), `${what} ${key}`);
}

/** The section an indicator table belongs to: its owner section, or its fiche-action's section. */
function sectionOfTable(ctx: ZoneContext, ownerId: string): string | null | 'staged' {
  if (sectionEntry(ctx.doc, ownerId)) return ownerId;
  const fiche: unknown = fichesActionsMap(ctx.doc).get(ownerId);
  if (fiche instanceof Y.Map) return typeof fiche.get('sectionId') === 'string' ? (fiche.get('sectionId') as string) : null;
  const created = writtenUnder(ctx, structuredRoots.fichesActions, ownerId)[0];
  return created ? sectionOfRecord(ctx, created) : null;
}

/** indicatorTables: ownerId → list of rows. Tables of sections are the server's; a fiche-action's comes with it. */
function indicatorViolation(ctx: ZoneContext, change: Change): ZoneViolation | null {
  const { path } = change.location;
  const ownerId = path[0];
  if (typeof ownerId !== 'string') return invalid('indicator table key');
  const section = sectionOfTable(ctx, ownerId);
  const locked = checkSectionOpen(ctx, section, 'indicator change');
  if (locked) return locked;
  if (insideRemoved(ctx, change)) return null;
  const ownedBySection = sectionEntry(ctx.doc, ownerId) !== undefined;
  if (path.length === 1) {
    if (ownedBySection) return invalid('a section’s indicator table is the server’s');
    if (change.kind === 'delete' || isDead(ctx, change.item)) return null;
    if (!(typeOf(change.item) instanceof Y.Array)) return invalid('indicator table must be a list');
    const ficheExists = fichesActionsMap(ctx.doc).get(ownerId) instanceof Y.Map || section !== null;
    if (!ficheExists) return invalid(`indicator table of unknown owner ${ownerId}`);
    return null;
  }
  if (path.length === 2 && path[1] === null) {
    return change.kind === 'delete' ? null : checkComplete(ctx, change.item, ['id'], 'new indicator');
  }
  if (path.length === 3) return fieldViolation(ctx, change, indicatorFields, 'indicator', sharedTextFields.indicator);
  if (path.length === 4 && path[1] === null && path[3] === null) return sharedTextEdit(ctx, change, indicatorFields, 'indicator', sharedTextFields.indicator);
  return invalid('unexpected change in an indicator table');
}

/** A change to a structured part (docs/YJS.md), checked on the values it writes. */
export function structuredViolation(ctx: ZoneContext, change: Change): ZoneViolation | null {
  const { root } = change.location;
  if (root === structuredRoots.indicatorTables) return indicatorViolation(ctx, change);
  const rule = recordRules[root];
  return rule ? recordViolation(ctx, rule, change) : invalid(`unknown root ${root}`);
}
