import * as Y from 'yjs';
import type { BinEntry, RestoredFromBin } from '../../schemas/api/projectFiles';
import { indicatorRowFromJson, recordFromJson, writeIndicatorRows, type RecordRoot, type RemovedRecord } from '../../schemas/recordCopy';
import { indicatorRows, structuredRoots } from '../../schemas/structured';
import { DomainError } from '../errors';
import type { AuditEntry } from '../store/audit';
import type { Store } from '../store';
import type { UserRecord } from '../store/users';
import type { Deps } from '../deps';
import { findReadableProject } from './projects';

/**
 * The bin of removed records: a filière, a fiche-action (with its indicators), an objectif or an
 * indicator row removed in the editor is kept, as it was, in the audit log (`record.removed`),
 * and a coordinator puts it back from there (`record.restored`) as a server change every editor
 * receives. Nothing is lost by a single click, and the log says who removed and who restored.
 */

const removedAction = 'record.removed';
const restoredAction = 'record.restored';

/** Keeps what an accepted update removes (called by the update guard, before the update applies). */
export function keepRemoved(store: Pick<Store, 'audit'>, who: { userId: string; name: string; projectId: string }, removed: RemovedRecord[]): void {
  for (const entry of removed) {
    store.audit.append({
      actorId: who.userId,
      actorName: who.name,
      action: removedAction,
      projectId: who.projectId,
      subjectType: entry.root,
      subjectId: entry.id,
      details: { ...entry },
    });
  }
}

/** Whether the record is in the document again (restored, undone, or rewritten since). */
function present(doc: Y.Doc, removed: RemovedRecord): boolean {
  if (removed.root !== 'indicatorTables') return doc.getMap(structuredRoots[removed.root]).has(removed.id);
  return (indicatorRows(doc, removed.ownerId ?? '')?.toArray() ?? []).some((row) => row instanceof Y.Map && row.get('id') === removed.id);
}

function binOf(deps: Deps, projectId: string): { entry: AuditEntry; removed: RemovedRecord }[] {
  const entries = deps.store.audit.ofProject(projectId);
  const restored = new Set(entries.filter((e) => e.action === restoredAction).map((e) => Number(e.details.fromSeq)));
  const { doc } = deps.registry.get(projectId);
  // The latest removal of a record only: removed, undone, removed again is one entry.
  const latest = new Map<string, { entry: AuditEntry; removed: RemovedRecord }>();
  for (const entry of entries) {
    if (entry.action !== removedAction || restored.has(entry.seq)) continue;
    const removed = entry.details as unknown as RemovedRecord;
    latest.set(`${removed.root}/${removed.ownerId ?? ''}/${removed.id}`, { entry, removed });
  }
  return [...latest.values()].filter(({ removed }) => !present(doc, removed)).reverse();
}

function coordinatorOf(deps: Deps, user: UserRecord, projectId: string): void {
  findReadableProject(deps, user, projectId);
  if (!deps.policy.can(user, { action: 'project.manage', projectId }))
    throw new DomainError('forbidden', 'forbidden', 'Seul un coordonnateur du projet consulte la corbeille et en restaure les éléments.');
}

/** The records removed and not back, latest first. */
export function listBin(deps: Deps, user: UserRecord, projectId: string): BinEntry[] {
  coordinatorOf(deps, user, projectId);
  return binOf(deps, projectId).map(({ entry, removed }) => ({
    seq: entry.seq,
    at: entry.at,
    removedBy: { id: entry.actorId, name: entry.actorName },
    root: removed.root,
    id: removed.id,
    label: removed.label,
    sectionId: removed.sectionId,
  }));
}

/** Puts a removed record back as it was; 404 when it is not in the bin (restored already, or back meanwhile). */
export function restoreFromBin(deps: Deps, user: UserRecord, projectId: string, seq: number): RestoredFromBin {
  coordinatorOf(deps, user, projectId);
  const found = binOf(deps, projectId).find(({ entry }) => entry.seq === seq);
  if (!found) throw new DomainError('not_found', 'bin_entry_not_found', 'Cet élément n’est pas (ou plus) dans la corbeille.');
  const { removed } = found;
  const loaded = deps.registry.get(projectId);
  if (removed.root !== 'indicatorTables' && removed.sectionId && !loaded.doc.getMap('sections').has(removed.sectionId)) {
    throw new DomainError('conflict', 'section_gone', 'La section qui contenait cet élément n’existe plus : il ne peut pas y être restauré.');
  }
  if (removed.root === 'indicatorTables' && !indicatorRows(loaded.doc, removed.ownerId ?? '')) {
    throw new DomainError(
      'conflict',
      'owner_gone',
      'Le tableau qui contenait cet indicateur n’existe plus (sa fiche-action a été supprimée) : restaurez d’abord la fiche-action.',
    );
  }
  loaded.change((doc) => {
    if (removed.root === 'indicatorTables') indicatorRows(doc, removed.ownerId!)!.push([indicatorRowFromJson(removed.record)]);
    else {
      doc.getMap(structuredRoots[removed.root as RecordRoot]).set(removed.id, recordFromJson(removed.root as RecordRoot, removed.record));
      if (removed.root === 'fichesActions') writeIndicatorRows(doc, removed.id, removed.indicators ?? []);
    }
  });
  deps.store.audit.append({
    actorId: user.id,
    actorName: user.name,
    action: restoredAction,
    projectId,
    subjectType: removed.root,
    subjectId: removed.id,
    details: { fromSeq: seq, label: removed.label },
  });
  return { root: removed.root, id: removed.id };
}
