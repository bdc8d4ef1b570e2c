import * as Y from 'yjs';

/**
 * Structured parts of a project's Y.Doc (docs/YJS.md). Each record names the section it belongs
 * to (`sectionId`), so a section can be assigned, locked or checked on its own. Text fields are
 * Y.Text merging by character (sharedText.ts); other values are plain (last writer wins per
 * field); lists are Y.Arrays so concurrent additions merge.
 *
 *   filieres        Y.Map  filiereId → Y.Map { sectionId, name, position, description,
 *                                              matrix: Y.Map<"<modalityId>|<etablissementId>", Y.Text> }
 *   fichesActions   Y.Map  ficheId → Y.Map { sectionId, position, title, filiereId, objectif,
 *                                            modality, etablissements: Y.Array<string>,
 *                                            piloteMedical, piloteSoignant, directeurReferent,
 *                                            etapes: Y.Array<Y.Map { id, label, echeance }> }
 *   indicatorTables Y.Map  ownerId (a sectionId or a ficheId) → Y.Array<Y.Map IndicatorFields>
 *   objectifs       Y.Map  nodeId → Y.Map { sectionId, parentId, level, label, position }
 *   meta.etablissements    [{ id, name }] — the établissements a matrix declines over
 */
export const structuredRoots = {
  filieres: 'filieres',
  fichesActions: 'fichesActions',
  indicatorTables: 'indicatorTables',
  objectifs: 'objectifs',
} as const;

export const blockKinds = ['filieres', 'fichesActions', 'indicators', 'objectifs'] as const;
export type BlockKind = (typeof blockKinds)[number];

export const objectiveLevels = ['axe', 'strategique', 'operationnel'] as const;
export type ObjectiveLevel = (typeof objectiveLevels)[number];

export const indicatorFields = ['indicateur', 'methode', 'valeurOrigine', 'dateOrigine', 'valeurCible', 'dateCible', 'source', 'periodicite'] as const;
export type IndicatorField = (typeof indicatorFields)[number];

/**
 * "Valeur d'origine à établir": a new indicator has no dated baseline yet. Written as the
 * `valeurOrigine`, with as `dateOrigine` the date by which it will be measured.
 */
export const baselineToEstablish = 'à établir';

/** The `valeurOrigine` says the baseline is still to be measured ("à établir", "A etablir"…). */
export function isBaselineToEstablish(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const plain = value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
  return plain === 'a etablir';
}

export interface Etablissement {
  id: string;
  name: string;
}

export const filieresMap = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>(structuredRoots.filieres);
export const fichesActionsMap = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>(structuredRoots.fichesActions);
export const indicatorTablesMap = (doc: Y.Doc) => doc.getMap<Y.Array<Y.Map<unknown>>>(structuredRoots.indicatorTables);
export const objectifsMap = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>(structuredRoots.objectifs);

export const matrixKey = (modalityId: string, etablissementId: string): string => `${modalityId}|${etablissementId}`;

export function etablissementsOf(doc: Y.Doc): Etablissement[] {
  const value: unknown = doc.getMap<unknown>('meta').get('etablissements');
  if (!Array.isArray(value)) return [];
  return value.filter(
    (e): e is Etablissement =>
      typeof e === 'object' && e !== null && typeof (e as Etablissement).id === 'string' && typeof (e as Etablissement).name === 'string',
  );
}

/** A random id for a structured record (unique enough across concurrent clients). */
export function newRecordId(): string {
  const bytes = new Uint8Array(9);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(36).padStart(2, '0'))
    .join('')
    .slice(0, 12);
}

/**
 * Creates the (empty) indicator table of an owner. Called once, when the section or the
 * fiche-action is created: two clients creating the same table concurrently would each set a
 * different Y.Array under one key and one side's rows would be lost.
 */
export function createIndicatorTable(doc: Y.Doc, ownerId: string): void {
  if (!indicatorTablesMap(doc).has(ownerId)) indicatorTablesMap(doc).set(ownerId, new Y.Array<Y.Map<unknown>>());
}

/** The indicator rows of an owner, or undefined when it has no table (or a stored entry that is not one). */
export function indicatorRows(doc: Y.Doc, ownerId: string): Y.Array<Y.Map<unknown>> | undefined {
  const table: unknown = indicatorTablesMap(doc).get(ownerId);
  return table instanceof Y.Array ? (table as Y.Array<Y.Map<unknown>>) : undefined;
}

/** The rows of an owner's table that are rows (readers skip anything else a store may hold). */
export function indicatorRowMaps(doc: Y.Doc, ownerId: string): Y.Map<unknown>[] {
  return (indicatorRows(doc, ownerId)?.toArray() ?? []).filter((row): row is Y.Map<unknown> => row instanceof Y.Map);
}

/** The records of a structured root (filières, fiches-actions, objectifs) that are records. */
export function recordEntries(map: Y.Map<Y.Map<unknown>>): [string, Y.Map<unknown>][] {
  const out: [string, Y.Map<unknown>][] = [];
  map.forEach((record: unknown, id) => {
    if (record instanceof Y.Map) out.push([id, record as Y.Map<unknown>]);
  });
  return out;
}
