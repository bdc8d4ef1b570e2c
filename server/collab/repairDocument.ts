import * as Y from 'yjs';
import { sectionsMapName } from '../../schemas/docLayout';
import { structuredRoots } from '../../schemas/structured';

/** Roots whose entries must each be a Y.Map (a section, a record), or for indicator tables a Y.Array. */
const mapEntryRoots = [sectionsMapName, structuredRoots.filieres, structuredRoots.fichesActions, structuredRoots.objectifs];

/**
 * The structural entries a stored document holds that no reader can use: a section or a record
 * that is not a map, an indicator table that is not a list. Stored before the update guard
 * existed (an editor could write `sections.set('x', 'not a map')`), they made every reader throw.
 */
export function malformedEntries(doc: Y.Doc): { root: string; key: string }[] {
  const found: { root: string; key: string }[] = [];
  for (const root of mapEntryRoots) {
    doc.getMap<unknown>(root).forEach((value, key) => {
      if (!(value instanceof Y.Map)) found.push({ root, key });
    });
  }
  doc.getMap<unknown>(structuredRoots.indicatorTables).forEach((value, key) => {
    if (!(value instanceof Y.Array)) found.push({ root: structuredRoots.indicatorTables, key });
  });
  return found;
}

/** Removes those entries (in the transaction of a server change). */
export function dropEntries(doc: Y.Doc, entries: { root: string; key: string }[]): void {
  for (const { root, key } of entries) doc.getMap<unknown>(root).delete(key);
}
