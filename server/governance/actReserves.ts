import { readThreads } from '../../schemas/commentThreads';
import { sectionEntry } from '../../schemas/docLayout';
import type { InstanceKind } from '../../schemas/governance';
import type { Deps } from '../deps';
import type { ReserveConcern, ReserveItem, ReserveView } from '../../schemas/actReserves';
import { formatDateFr } from './parisTime';
import { ofInstance } from './wording';

/** "Réserve de la CME du 12/11/2026": how a linked thread or section names the réserve. */
export const reserveLabel = (instanceKind: InstanceKind, seanceDate: string): string => `Réserve ${ofInstance(instanceKind)} du ${formatDateFr(seanceDate)}`;

/** The réserves of a project's live acts (annulled ones no longer ask anything), oldest first. */
export function projectReserves(deps: Pick<Deps, 'store' | 'registry'>, projectId: string): ReserveView[] {
  const { store } = deps;
  const doc = deps.registry.get(projectId).doc;
  const threads = new Map(readThreads(doc).map((t) => [t.id, t]));
  const titleOf = (sectionId: string): string => {
    const title: unknown = sectionEntry(doc, sectionId)?.get('title');
    return typeof title === 'string' ? title : 'section supprimée';
  };
  const concernsOf = (item: ReserveItem): ReserveConcern[] => [
    ...item.commentIds.flatMap((id) => {
      const thread = threads.get(id);
      return thread ? [{ sectionId: thread.sectionId, sectionTitle: titleOf(thread.sectionId), commentId: id, quote: thread.anchor.text }] : [];
    }),
    ...item.sectionIds.map((id) => ({ sectionId: id, sectionTitle: titleOf(id), commentId: null, quote: null })),
  ];
  const acts = new Map(store.acts.ofProject(projectId).map((a) => [a.id, a]));
  return store.actReserves.ofProject(projectId).flatMap((item) => {
    const act = acts.get(item.actId);
    const seance = act && store.seances.get(act.seanceId);
    const instance = seance && store.instances.get(seance.instanceId);
    const version = act && store.versions.get(projectId, act.versionId);
    if (!act || !seance || !instance || !version) return [];
    return [
      {
        actId: act.id,
        text: item.text,
        commentIds: item.commentIds,
        sectionIds: item.sectionIds,
        concerns: concernsOf(item),
        label: reserveLabel(instance.kind, seance.date),
        instance: { id: instance.id, kind: instance.kind, name: instance.name },
        seanceDate: seance.date,
        version: { id: version.id, number: version.number },
      },
    ];
  });
}
