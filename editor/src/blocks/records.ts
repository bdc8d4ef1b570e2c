import * as Y from 'yjs';
import { textOf } from '../../../schemas/sharedText';
import type { ObjectiveLevel } from '../../../schemas/structured';

/** A record of a structured root (filière, fiche-action, objectif) with its id. */
export interface SharedRecord {
  id: string;
  map: Y.Map<unknown>;
}

const position = (map: Y.Map<unknown>): number => {
  const value = map.get('position');
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
};

/** The records of one section, in position then id order: the same order on every client. */
export function sectionRecords(root: Y.Map<Y.Map<unknown>>, sectionId: string): SharedRecord[] {
  const out: SharedRecord[] = [];
  root.forEach((map, id) => {
    if (map instanceof Y.Map && map.get('sectionId') === sectionId) out.push({ id, map });
  });
  return out.sort((a, b) => position(a.map) - position(b.map) || a.id.localeCompare(b.id));
}

/** A field's text: shared text or (older documents) a plain string. */
export const text = (value: unknown): string => textOf(value);

/** One node of the objectives tree, as plain data. */
export interface ObjectiveNode {
  id: string;
  level: ObjectiveLevel;
  parentId: string | null;
  children: ObjectiveNode[];
}

/** The level a child of `level` gets; operational objectives have no children. */
export function childLevel(level: ObjectiveLevel): ObjectiveLevel | null {
  return level === 'axe' ? 'strategique' : level === 'strategique' ? 'operationnel' : null;
}

/**
 * Axes → objectifs stratégiques → objectifs opérationnels. A node whose parent is gone (removed
 * concurrently) is shown at the top rather than hidden, so nobody loses what they wrote.
 */
export function objectiveTree(records: { id: string; level: ObjectiveLevel; parentId: string | null }[]): ObjectiveNode[] {
  const nodes = new Map(records.map((r) => [r.id, { ...r, children: [] as ObjectiveNode[] }]));
  const roots: ObjectiveNode[] = [];
  for (const record of records) {
    const node = nodes.get(record.id)!;
    const parent = record.parentId ? nodes.get(record.parentId) : undefined;
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** The ids under a node (not the node itself), deepest first, so they can be removed in order. */
export function descendantIds(records: { id: string; parentId: string | null }[], id: string): string[] {
  const out: string[] = [];
  const visit = (parentId: string, seen: Set<string>): void => {
    for (const child of records.filter((r) => r.parentId === parentId && !seen.has(r.id))) {
      seen.add(child.id);
      visit(child.id, seen);
      out.push(child.id);
    }
  };
  visit(id, new Set([id]));
  return out;
}
