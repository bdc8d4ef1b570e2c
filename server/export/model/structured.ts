import * as Y from 'yjs';
import { modalities } from '../../../schemas/modalities';
import {
  etablissementsOf,
  fichesActionsMap,
  filieresMap,
  indicatorRows,
  isBaselineToEstablish,
  matrixKey,
  objectifsMap,
  objectiveLevels,
  type BlockKind,
  type Etablissement,
  type ObjectiveLevel,
} from '../../../schemas/structured';
import { personText } from '../../../schemas/fichePeople';
import { textOf } from '../../../schemas/sharedText';
import { objectiveLevelLabels, frenchDateField, valueWithDate } from './french';
import type { FicheActionModel, FiliereModel, IndicatorRowModel, ObjectiveNode, StructuredBlock } from './types';

/** Field values are shared text or (older documents) strings; anything else (a hand-crafted update) reads as ''. */
const str = (value: unknown): string => textOf(value).trim();
const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/** A baseline « à établir » says by when it will be measured; any other, its value and date. */
function origineText(value: string, date: string): string {
  if (!isBaselineToEstablish(value)) return valueWithDate(value, date);
  const by = frenchDateField(date);
  return by ? `à établir, mesurée d’ici le ${by}` : 'à établir';
}

/** Records of a structured root belonging to one section, in position then id order. */
function recordsOf(root: Y.Map<Y.Map<unknown>>, sectionId: string): [string, Y.Map<unknown>][] {
  const out: [string, Y.Map<unknown>][] = [];
  root.forEach((map, id) => {
    if (map instanceof Y.Map && map.get('sectionId') === sectionId) out.push([id, map]);
  });
  return out.sort(([ia, a], [ib, b]) => num(a.get('position')) - num(b.get('position')) || ia.localeCompare(ib));
}

function indicatorsOf(doc: Y.Doc, ownerId: string): IndicatorRowModel[] {
  const rows = indicatorRows(doc, ownerId);
  if (!(rows instanceof Y.Array)) return [];
  return rows
    .toArray()
    .filter((row): row is Y.Map<unknown> => row instanceof Y.Map)
    .map((row) => ({
      indicateur: str(row.get('indicateur')),
      methode: str(row.get('methode')),
      origine: origineText(str(row.get('valeurOrigine')), str(row.get('dateOrigine'))),
      cible: valueWithDate(str(row.get('valeurCible')), str(row.get('dateCible'))),
      source: str(row.get('source')),
      periodicite: str(row.get('periodicite')),
    }))
    .filter((row) => Object.values(row).some(Boolean));
}

/** The établissements a matrix declines over: the document's list, else those its cells name. */
function matrixColumns(doc: Y.Doc): Etablissement[] {
  const declared = etablissementsOf(doc).filter((e) => typeof e?.id === 'string' && typeof e?.name === 'string');
  if (declared.length) return declared;
  const ids = new Set<string>();
  filieresMap(doc).forEach((filiere) => {
    const matrix = filiere instanceof Y.Map ? filiere.get('matrix') : undefined;
    if (matrix instanceof Y.Map) for (const key of matrix.keys()) ids.add(key.split('|')[1] ?? '');
  });
  return [...ids]
    .filter(Boolean)
    .sort()
    .map((id) => ({ id, name: id }));
}

function filieres(doc: Y.Doc, sectionId: string): StructuredBlock | null {
  const records = recordsOf(filieresMap(doc), sectionId);
  if (!records.length) return null;
  const columns = matrixColumns(doc);
  const list: FiliereModel[] = records.map(([id, map]) => {
    const matrix = map.get('matrix');
    const cell = (modalityId: string, etabId: string): string => (matrix instanceof Y.Map ? str(matrix.get(matrixKey(modalityId, etabId))) : '');
    return {
      id,
      name: str(map.get('name')) || 'Filière sans nom',
      description: str(map.get('description')),
      matrix: modalities.map((m) => ({ letter: m.letter, modality: m.label, cells: columns.map((e) => cell(m.id, e.id)) })),
    };
  });
  return { kind: 'filieres', etablissements: columns.map((e) => e.name), filieres: list };
}

function modalityLabel(id: string): string {
  const modality = modalities.find((m) => m.id === id);
  return modality ? `${modality.letter}) ${modality.label}` : '';
}

function fichesActions(doc: Y.Doc, sectionId: string, counter: { fiches: number; people?: Record<string, string> }): StructuredBlock | null {
  const records = recordsOf(fichesActionsMap(doc), sectionId);
  if (!records.length) return null;
  // Pilots and référents chosen among the members are printed by name (schemas/fichePeople.ts).
  const nameOf = (userId: string): string | undefined => counter.people?.[userId];
  const names = new Map(etablissementsOf(doc).map((e) => [e.id, e.name]));
  const filiereNames = new Map<string, string>();
  filieresMap(doc).forEach((map, id) => filiereNames.set(id, map instanceof Y.Map ? str(map.get('name')) : ''));
  const fiches: FicheActionModel[] = records.map(([id, map]) => {
    const etabs = map.get('etablissements');
    const etapes = map.get('etapes');
    return {
      id,
      number: `FA ${++counter.fiches}`,
      title: str(map.get('title')) || 'Fiche-action sans titre',
      filiere: filiereNames.get(str(map.get('filiereId'))) ?? '',
      objectif: str(map.get('objectif')),
      modality: modalityLabel(str(map.get('modality'))),
      etablissements:
        etabs instanceof Y.Array
          ? etabs
              .toArray()
              .map((e) => names.get(str(e)) ?? str(e))
              .filter(Boolean)
          : [],
      piloteMedical: personText(map, 'piloteMedical', nameOf),
      piloteSoignant: personText(map, 'piloteSoignant', nameOf),
      directeurReferent: personText(map, 'directeurReferent', nameOf),
      etapes:
        etapes instanceof Y.Array
          ? etapes
              .toArray()
              .filter((e): e is Y.Map<unknown> => e instanceof Y.Map)
              .map((e) => ({ label: str(e.get('label')), echeance: frenchDateField(str(e.get('echeance'))) }))
              .filter((e) => e.label || e.echeance)
          : [],
      indicators: indicatorsOf(doc, id),
    };
  });
  return { kind: 'fichesActions', fiches };
}

function objectifs(doc: Y.Doc, sectionId: string): StructuredBlock | null {
  const byParent = new Map<string | null, [string, Y.Map<unknown>][]>();
  const all = recordsOf(objectifsMap(doc), sectionId);
  const ids = new Set(all.map(([id]) => id));
  for (const entry of all) {
    const parent = str(entry[1].get('parentId'));
    const key = parent && ids.has(parent) ? parent : null;
    byParent.set(key, [...(byParent.get(key) ?? []), entry]);
  }
  const build = (parentId: string | null, prefix: string, seen: Set<string>): ObjectiveNode[] =>
    (byParent.get(parentId) ?? [])
      .filter(([id]) => !seen.has(id))
      .map(([id, map], index) => {
        const raw = map.get('level');
        const level: ObjectiveLevel = objectiveLevels.includes(raw as ObjectiveLevel) ? (raw as ObjectiveLevel) : 'axe';
        const number = prefix ? `${prefix}.${index + 1}` : String(index + 1);
        return {
          level,
          levelLabel: objectiveLevelLabels[level],
          number,
          label: str(map.get('label')),
          // `seen` stops a parent cycle written by a faulty client from recursing forever.
          children: build(id, number, new Set([...seen, id])),
        };
      });
  const nodes = build(null, '', new Set());
  return nodes.length ? { kind: 'objectifs', nodes } : null;
}

/**
 * The structured blocks of a section, in the order the section declares them; a block holding
 * records but not declared (an outline changed after the fact) is still shown, after the others.
 */
export function structuredBlocks(
  doc: Y.Doc,
  sectionId: string,
  declared: BlockKind[],
  counter: { fiches: number; people?: Record<string, string> },
): StructuredBlock[] {
  const order: BlockKind[] = [...declared, ...(['objectifs', 'filieres', 'fichesActions', 'indicators'] as const).filter((k) => !declared.includes(k))];
  const blocks: StructuredBlock[] = [];
  for (const kind of order) {
    let block: StructuredBlock | null = null;
    if (kind === 'objectifs') block = objectifs(doc, sectionId);
    else if (kind === 'filieres') block = filieres(doc, sectionId);
    else if (kind === 'fichesActions') block = fichesActions(doc, sectionId, counter);
    else {
      const rows = indicatorsOf(doc, sectionId);
      block = rows.length ? { kind: 'indicators', rows } : null;
    }
    if (block) blocks.push(block);
  }
  return blocks;
}
