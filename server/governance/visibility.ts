import type { Deps } from '../deps';
import type { InstanceRecord } from '../store/instances';
import type { SeanceRecord } from '../store/seances';
import type { UserRecord } from '../store/users';

/**
 * Who may read which séances: people with a role in the instance's organisation family (see
 * `organisation.view` in policies/can.ts), and members of a project on the séance's agenda.
 */
export function canViewSeance(deps: Pick<Deps, 'store' | 'policy'>, user: UserRecord, seance: SeanceRecord, instance: InstanceRecord): boolean {
  if (deps.policy.can(user, { action: 'organisation.view', organisationId: instance.organisationId })) return true;
  return deps.store.seances.agenda(seance.id).some((item) => deps.policy.can(user, { action: 'project.read', projectId: item.projectId }));
}

export interface SeanceQuery {
  organisationId?: string;
  instanceId?: string;
  from?: string;
  to?: string;
}

/** The séances a user may see, narrowed by organisation, instance and dates (inclusive). */
export function visibleSeances(
  deps: Pick<Deps, 'store' | 'policy'>,
  user: UserRecord,
  query: SeanceQuery,
): { seance: SeanceRecord; instance: InstanceRecord }[] {
  const instances = new Map(deps.store.instances.list().map((i) => [i.id, i]));
  const instanceIds = [...instances.values()]
    .filter((i) => (!query.instanceId || i.id === query.instanceId) && (!query.organisationId || i.organisationId === query.organisationId))
    .map((i) => i.id);
  return deps.store.seances
    .list({ instanceIds, from: query.from, to: query.to })
    .map((seance) => ({ seance, instance: instances.get(seance.instanceId)! }))
    .filter(({ seance, instance }) => canViewSeance(deps, user, seance, instance));
}
