import * as Y from 'yjs';
import { sharedText, sharedTextFields, writeTextField } from './sharedText';
import { modalities } from './modalities';
import {
  createIndicatorTable,
  etablissementsOf,
  fichesActionsMap,
  filieresMap,
  indicatorRows,
  matrixKey,
  newRecordId,
  objectifsMap,
  type IndicatorField,
  type ObjectiveLevel,
} from './structured';

/**
 * Changes to structured parts, shared by the editor, the server and tools: each one a single
 * transaction that creates a record whole (nested Y types included), so concurrent clients
 * never race to create the same nested type.
 */

const nextPosition = (map: Y.Map<Y.Map<unknown>>, sectionId: string): number => {
  let max = 0;
  map.forEach((record) => {
    if (record.get('sectionId') === sectionId) max = Math.max(max, Number(record.get('position') ?? 0));
  });
  return max + 1;
};

export function addFiliere(doc: Y.Doc, sectionId: string, name: string): string {
  const id = newRecordId();
  doc.transact(() => {
    const record = new Y.Map<unknown>();
    record.set('sectionId', sectionId);
    record.set('name', sharedText(name));
    record.set('description', sharedText(''));
    record.set('position', nextPosition(filieresMap(doc), sectionId));
    const matrix = new Y.Map<unknown>();
    // Every cell exists from the start: two people typing first in one cell would each create it.
    for (const etablissement of etablissementsOf(doc)) for (const modality of modalities) matrix.set(matrixKey(modality.id, etablissement.id), sharedText(''));
    record.set('matrix', matrix);
    filieresMap(doc).set(id, record);
  });
  return id;
}

export function setMatrixCell(doc: Y.Doc, filiereId: string, modalityId: string, etablissementId: string, text: string): void {
  const matrix = filieresMap(doc).get(filiereId)?.get('matrix') as Y.Map<unknown> | undefined;
  if (!matrix) throw new Error(`unknown filière ${filiereId}`);
  writeTextField(matrix as Y.Map<unknown>, matrixKey(modalityId, etablissementId), text);
}

export interface FicheActionFields {
  title: string;
  filiereId?: string;
  objectif?: string;
  modality?: string;
  piloteMedical?: string;
  piloteSoignant?: string;
  directeurReferent?: string;
  /** A member chosen (schemas/fichePeople.ts): their user id, instead of the free text above. */
  piloteMedicalId?: string;
  piloteSoignantId?: string;
  directeurReferentId?: string;
  etablissements?: string[];
}

export function addFicheAction(doc: Y.Doc, sectionId: string, fields: FicheActionFields): string {
  const id = newRecordId();
  doc.transact(() => {
    const record = new Y.Map<unknown>();
    record.set('sectionId', sectionId);
    record.set('position', nextPosition(fichesActionsMap(doc), sectionId));
    for (const key of ['filiereId', 'modality'] as const) record.set(key, fields[key] ?? '');
    for (const key of ['title', 'objectif', 'piloteMedical', 'piloteSoignant', 'directeurReferent'] as const) record.set(key, sharedText(fields[key] ?? ''));
    for (const key of ['piloteMedicalId', 'piloteSoignantId', 'directeurReferentId'] as const) if (fields[key]) record.set(key, fields[key]);
    const etablissements = new Y.Array<string>();
    etablissements.push(fields.etablissements ?? []);
    record.set('etablissements', etablissements);
    record.set('etapes', new Y.Array<Y.Map<unknown>>());
    fichesActionsMap(doc).set(id, record);
    createIndicatorTable(doc, id);
  });
  return id;
}

export function addEtape(doc: Y.Doc, ficheId: string, label: string, echeance: string): string {
  const etapes = fichesActionsMap(doc).get(ficheId)?.get('etapes') as Y.Array<Y.Map<unknown>> | undefined;
  if (!etapes) throw new Error(`unknown fiche-action ${ficheId}`);
  const id = newRecordId();
  const etape = new Y.Map<unknown>();
  etape.set('id', id);
  etape.set('label', sharedText(label));
  etape.set('echeance', echeance);
  etapes.push([etape]);
  return id;
}

export function addIndicator(doc: Y.Doc, ownerId: string, fields: Partial<Record<IndicatorField, string>> = {}): string {
  const rows = indicatorRows(doc, ownerId);
  if (!rows) throw new Error(`no indicator table for ${ownerId}`);
  const id = newRecordId();
  const row = new Y.Map<unknown>();
  row.set('id', id);
  const textKeys: readonly string[] = sharedTextFields.indicator;
  // Every column exists from the start: two people typing first in one would each create it.
  for (const key of textKeys) row.set(key, sharedText(fields[key as IndicatorField] ?? ''));
  for (const [key, value] of Object.entries(fields)) if (!textKeys.includes(key)) row.set(key, value);
  rows.push([row]);
  return id;
}

export function findIndicator(doc: Y.Doc, ownerId: string, rowId: string): Y.Map<unknown> | undefined {
  return indicatorRows(doc, ownerId)
    ?.toArray()
    .find((row) => row.get('id') === rowId);
}

export function removeIndicator(doc: Y.Doc, ownerId: string, rowId: string): void {
  const rows = indicatorRows(doc, ownerId);
  const index = rows?.toArray().findIndex((row) => row.get('id') === rowId) ?? -1;
  if (rows && index >= 0) rows.delete(index, 1);
}

export function addObjectif(doc: Y.Doc, sectionId: string, level: ObjectiveLevel, label: string, parentId: string | null = null): string {
  const id = newRecordId();
  const record = new Y.Map<unknown>();
  record.set('sectionId', sectionId);
  record.set('parentId', parentId);
  record.set('level', level);
  record.set('label', sharedText(label));
  record.set('position', nextPosition(objectifsMap(doc), sectionId));
  objectifsMap(doc).set(id, record);
  return id;
}

/** Removes a record and, for a fiche-action, its indicator table. */
export function removeRecord(doc: Y.Doc, root: 'filieres' | 'fichesActions' | 'objectifs', id: string): void {
  doc.transact(() => {
    const map = root === 'filieres' ? filieresMap(doc) : root === 'fichesActions' ? fichesActionsMap(doc) : objectifsMap(doc);
    map.delete(id);
    if (root === 'fichesActions') doc.getMap('indicatorTables').delete(id);
    if (root === 'objectifs') {
      // A whole branch goes: children, grandchildren…
      const doomed = new Set([id]);
      let grew = true;
      while (grew) {
        grew = false;
        objectifsMap(doc).forEach((child, childId) => {
          if (!doomed.has(childId) && doomed.has(child.get('parentId') as string)) {
            doomed.add(childId);
            grew = true;
          }
        });
      }
      for (const doomedId of doomed) map.delete(doomedId);
    }
  });
}
