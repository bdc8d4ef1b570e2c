import * as Y from 'yjs';
import { indicatorRowsJson, recordRoots, type RecordRoot, type RemovedRecord } from '../../schemas/recordCopy';

export type { RemovedRecord };
import { textOf } from '../../schemas/sharedText';
import { structuredRoots } from '../../schemas/structured';
import type { UpdateScope } from '../yjs/updateScope';

const recordRootNames = new Set<string>(recordRoots);

/**
 * The records (filières, fiches-actions, objectifs) and indicator rows an accepted update
 * removes, read from the document before it applies. A record the update writes again under
 * the same id is replaced, not removed.
 */
export function removedRecords(doc: Y.Doc, scope: UpdateScope): RemovedRecord[] {
  const removed: RemovedRecord[] = [];
  for (const change of scope.changes) {
    if (change.kind !== 'delete') continue;
    const { root, path } = change.location;
    const type = change.item.content instanceof Y.ContentType ? change.item.content.type : null;
    if (!(type instanceof Y.Map)) continue;
    const record = type.toJSON() as Record<string, unknown>;
    if (recordRootNames.has(root) && path.length === 1 && typeof path[0] === 'string') {
      const id = path[0];
      const rewritten = scope.changes.some((c) => c.kind === 'insert' && c.location.root === root && c.location.path.length === 1 && c.location.path[0] === id);
      if (rewritten) continue;
      removed.push({
        root: root as RecordRoot,
        id,
        label: textOf(type.get('name') ?? type.get('title') ?? type.get('label')),
        sectionId: typeof record.sectionId === 'string' ? record.sectionId : null,
        record,
        ...(root === structuredRoots.fichesActions ? { indicators: indicatorRowsJson(doc, id) } : {}),
      });
    } else if (
      root === structuredRoots.indicatorTables &&
      path.length === 2 &&
      path[1] === null &&
      typeof path[0] === 'string' &&
      typeof record.id === 'string'
    ) {
      const ownerRemoved =
        removed.some((r) => r.id === path[0]) ||
        scope.changes.some((c) => c.kind === 'delete' && c.location.root === root && c.location.path.length === 1 && c.location.path[0] === path[0]);
      if (ownerRemoved) continue;
      removed.push({ root: 'indicatorTables', id: record.id, ownerId: path[0], label: textOf(type.get('indicateur')), sectionId: null, record });
    }
  }
  return removed;
}
