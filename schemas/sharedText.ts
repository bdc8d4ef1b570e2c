import * as Y from 'yjs';
import { modalities } from './modalities';
import { etablissementsOf, fichesActionsMap, filieresMap, indicatorTablesMap, matrixKey, objectifsMap, structuredRoots } from './structured';

/**
 * Structured text fields (a matrix cell, a fiche's objectif, an indicator's method…) are shared
 * text: a Y.Text per field, merging by character, so two people typing in one cell both keep
 * every keystroke. Documents written before hold plain strings there: readers take both, and
 * the server turns the strings into Y.Text when it loads a document (docs/YJS.md). A record is
 * created with all its text fields, so nobody has to create one while someone else types.
 */

/** The text fields of each record kind (the others — ids, positions, dates, choices — stay plain values). */
export const sharedTextFields = {
  [structuredRoots.filieres]: ['name', 'description'],
  [structuredRoots.fichesActions]: ['title', 'objectif', 'piloteMedical', 'piloteSoignant', 'directeurReferent'],
  [structuredRoots.objectifs]: ['label'],
  etape: ['label'],
  indicator: ['indicateur', 'methode', 'valeurOrigine', 'valeurCible', 'source', 'periodicite'],
} as const satisfies Record<string, readonly string[]>;

/** A field's text, whether stored as shared text or (older documents) as a plain string; anything else reads as ''. */
export function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Y.Text) return value.toString();
  return '';
}

/** A new shared text holding `value` (to set under a field key). */
export const sharedText = (value: string): Y.Text => new Y.Text(value);

/**
 * The one edit that turns `before` into `after`: where it starts, how much it removes, what it
 * inserts. With the caret (where the edit ends in `after`), a run of equal letters is edited
 * where the user typed, so a concurrent edit next to it merges at the right place.
 */
export function textEdit(before: string, after: string, caret?: number): { index: number; remove: number; insert: string } {
  const maxSuffix = Math.min(before.length, after.length, caret === undefined ? Infinity : Math.max(0, after.length - caret));
  let suffix = 0;
  while (suffix < maxSuffix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix += 1;
  let prefix = 0;
  const maxPrefix = Math.min(before.length, after.length) - suffix;
  while (prefix < maxPrefix && before[prefix] === after[prefix]) prefix += 1;
  return { index: prefix, remove: before.length - suffix - prefix, insert: after.slice(prefix, after.length - suffix) };
}

/** Makes a shared text read `value` with the smallest edit (concurrent edits elsewhere in it are kept). */
export function replaceText(text: Y.Text, value: string, caret?: number): void {
  const edit = textEdit(text.toString(), value, caret);
  if (edit.remove === 0 && edit.insert === '') return;
  const apply = () => {
    if (edit.remove > 0) text.delete(edit.index, edit.remove);
    if (edit.insert) text.insert(edit.index, edit.insert);
  };
  if (text.doc) text.doc.transact(apply);
  else apply();
}

/**
 * Writes a text field: edits its shared text in place, or puts a shared text under the key when
 * it holds none yet (a plain string of an older document, or nothing).
 */
export function writeTextField(map: Y.Map<unknown>, key: string, value: string, caret?: number): void {
  const current = map.get(key);
  if (current instanceof Y.Text) replaceText(current, value, caret);
  else if (current !== value) map.set(key, sharedText(value));
}

/**
 * The text fields of a document that are not shared text yet: plain strings of older documents,
 * and fields a record lacks (an indicator row's empty columns, the matrix cells of an
 * établissement). Two people starting to type in a field that does not exist would each create
 * one, and one of the two would be lost; created once by the server, it exists for everyone.
 */
export function fieldsToShare(doc: Y.Doc): { map: Y.Map<unknown>; key: string }[] {
  const found: { map: Y.Map<unknown>; key: string }[] = [];
  const collect = (map: unknown, keys: readonly string[]): void => {
    if (!(map instanceof Y.Map)) return;
    const m = map as Y.Map<unknown>;
    for (const key of keys) if (!(m.get(key) instanceof Y.Text)) found.push({ map: m, key });
  };
  const cells = etablissementsOf(doc).flatMap((e) => modalities.map((m) => matrixKey(m.id, e.id)));
  filieresMap(doc).forEach((record) => {
    collect(record, sharedTextFields.filieres);
    if (!(record instanceof Y.Map)) return;
    const matrix: unknown = record.get('matrix');
    if (matrix instanceof Y.Map) collect(matrix, [...new Set([...cells, ...[...matrix.keys()].filter((key) => typeof matrix.get(key) === 'string')])]);
  });
  fichesActionsMap(doc).forEach((record) => {
    collect(record, sharedTextFields.fichesActions);
    const etapes: unknown = record instanceof Y.Map ? record.get('etapes') : undefined;
    if (etapes instanceof Y.Array) for (const etape of etapes.toArray()) collect(etape, sharedTextFields.etape);
  });
  objectifsMap(doc).forEach((record) => collect(record, sharedTextFields.objectifs));
  indicatorTablesMap(doc).forEach((rows: unknown) => {
    if (rows instanceof Y.Array) for (const row of rows.toArray()) collect(row, sharedTextFields.indicator);
  });
  return found;
}

/** Makes every such field shared text, keeping its text (in the transaction of a server change). */
export function shareTextFields(doc: Y.Doc): number {
  const fields = fieldsToShare(doc);
  for (const { map, key } of fields) map.set(key, sharedText(textOf(map.get(key))));
  return fields.length;
}
