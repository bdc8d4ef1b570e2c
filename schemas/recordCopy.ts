import * as Y from 'yjs';
import { sharedText, sharedTextFields, textOf } from './sharedText';
import { createIndicatorTable, indicatorRows, structuredRoots } from './structured';

/**
 * Structured records as plain data and back: a record taken out of one document (a frozen
 * version, the bin) is written into another as it is created by the editor — text fields as
 * shared text, lists as Y.Arrays, the matrix as a Y.Map — so the copy merges like the original.
 */

export type RecordRoot = 'filieres' | 'fichesActions' | 'objectifs';
export const recordRoots: RecordRoot[] = ['filieres', 'fichesActions', 'objectifs'];

/** A record an update removes, as it was just before (what the bin keeps to restore it). */
export interface RemovedRecord {
  root: RecordRoot | 'indicatorTables';
  /** The record's id (for an indicator row, the row's `id`). */
  id: string;
  /** For an indicator row: the section or fiche-action whose table held it. */
  ownerId?: string;
  /** Its name in the editor's words (« Cardiologie », the indicator's label…). */
  label: string;
  sectionId: string | null;
  record: Record<string, unknown>;
  /** A fiche-action's indicator rows, removed with it. */
  indicators?: Record<string, unknown>[];
}

type Plain = Record<string, unknown>;
const isPlain = (value: unknown): value is Plain => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A map whose text fields become shared text and other values stay as they are. */
function mapFrom(json: Plain, textKeys: readonly string[]): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(json)) {
    if (textKeys.includes(key)) map.set(key, sharedText(textOf(value)));
    else if (value !== undefined && !isPlain(value) && !Array.isArray(value)) map.set(key, value);
  }
  return map;
}

/** A filière, fiche-action or objectif from its plain data (`Y.Map.toJSON()`). */
export function recordFromJson(root: RecordRoot, json: Plain): Y.Map<unknown> {
  const record = mapFrom(json, sharedTextFields[root]);
  if (root === 'filieres') {
    const matrix = new Y.Map<unknown>();
    if (isPlain(json.matrix)) for (const [key, cell] of Object.entries(json.matrix)) matrix.set(key, sharedText(textOf(cell)));
    record.set('matrix', matrix);
  }
  if (root === 'fichesActions') {
    const etablissements = new Y.Array<string>();
    etablissements.push(Array.isArray(json.etablissements) ? json.etablissements.filter((e): e is string => typeof e === 'string') : []);
    record.set('etablissements', etablissements);
    const etapes = new Y.Array<Y.Map<unknown>>();
    etapes.push((Array.isArray(json.etapes) ? json.etapes : []).filter(isPlain).map((etape) => mapFrom(etape, sharedTextFields.etape)));
    record.set('etapes', etapes);
  }
  return record;
}

/** An indicator row from its plain data. */
export const indicatorRowFromJson = (json: Plain): Y.Map<unknown> => mapFrom(json, sharedTextFields.indicator);

/** The plain rows of an owner's indicator table. */
export const indicatorRowsJson = (doc: Y.Doc, ownerId: string): Plain[] =>
  (indicatorRows(doc, ownerId)?.toArray() ?? []).filter((row) => row instanceof Y.Map).map((row) => row.toJSON() as Plain);

/** Puts a fiche-action's indicator rows in its table (created if missing). */
export function writeIndicatorRows(doc: Y.Doc, ownerId: string, rows: Plain[]): void {
  createIndicatorTable(doc, ownerId);
  const table = indicatorRows(doc, ownerId)!;
  if (table.length > 0) table.delete(0, table.length);
  table.push(rows.map(indicatorRowFromJson));
}

/** The records of one section in a document, as plain data by root and id. */
function sectionRecordsJson(doc: Y.Doc, root: RecordRoot, sectionId: string): [string, Plain][] {
  const out: [string, Plain][] = [];
  doc.getMap<unknown>(structuredRoots[root]).forEach((record, id) => {
    if (record instanceof Y.Map && record.get('sectionId') === sectionId) out.push([id, record.toJSON() as Plain]);
  });
  return out;
}

/**
 * Makes the structured part of a section in `target` what it is in `source` (a frozen
 * version): its filières, fiches-actions (with their indicators), objectifs and its own
 * indicator table. Records added since are removed, removed ones come back, changed ones are
 * put back as they were. Returns how many records it wrote.
 */
export function restoreSectionRecords(source: Y.Doc, target: Y.Doc, sectionId: string): number {
  let written = 0;
  for (const root of recordRoots) {
    const map = target.getMap<unknown>(structuredRoots[root]);
    for (const [id] of sectionRecordsJson(target, root, sectionId)) {
      map.delete(id);
      if (root === 'fichesActions') target.getMap(structuredRoots.indicatorTables).delete(id);
    }
    for (const [id, json] of sectionRecordsJson(source, root, sectionId)) {
      map.set(id, recordFromJson(root, json));
      if (root === 'fichesActions') writeIndicatorRows(target, id, indicatorRowsJson(source, id));
      written += 1;
    }
  }
  if (indicatorRows(source, sectionId) || indicatorRows(target, sectionId)) writeIndicatorRows(target, sectionId, indicatorRowsJson(source, sectionId));
  return written;
}
