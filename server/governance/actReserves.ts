import type { InstanceKind } from '../../schemas/governance';
import type { Deps } from '../deps';
import type { ReserveItem } from '../store/actReserves';
import { formatDateFr } from './parisTime';
import { ofInstance } from './wording';

/** "Réserve de la CME du 12/11/2026": how a linked thread or section names the réserve. */
export const reserveLabel = (instanceKind: InstanceKind, seanceDate: string): string =>
  `Réserve ${ofInstance(instanceKind)} du ${formatDateFr(seanceDate)}`;

/** A réserve as the editor's comments panel and the timeline show it. */
export interface ReserveView extends ReserveItem {
  actId: string;
  label: string;
  instance: { id: string; kind: InstanceKind; name: string };
  seanceDate: string;
  version: { id: string; number: number };
}

/** The réserves of a project's live acts (annulled ones no longer ask anything), oldest first. */
export function projectReserves(deps: Pick<Deps, 'store'>, projectId: string): ReserveView[] {
  const { store } = deps;
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
        label: reserveLabel(instance.kind, seance.date),
        instance: { id: instance.id, kind: instance.kind, name: instance.name },
        seanceDate: seance.date,
        version: { id: version.id, number: version.number },
      },
    ];
  });
}
