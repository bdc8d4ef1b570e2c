import type { Followup } from '../../schemas/api/followup';
import type { Deps } from '../deps';
import { parisDate } from '../governance/parisTime';
import { projectFollowup } from './followup';

/**
 * The follow-up of a project, kept while nothing it reads changed: the chart route is called once
 * per indicator shown (300 on a big PMP), and each call would otherwise read the adopted version
 * and its path again. The key holds what can change it — versions, acts, values and étapes
 * written, the GHT's members and their dates (who owes the path), the day (for what is late) —
 * so a stale answer is never served.
 */
const cache = new Map<string, { key: string; followup: Followup }>();
const maxProjects = 50;

function membersStamp(deps: Pick<Deps, 'store'>, projectId: string): string {
  const organisationId = deps.store.projects.get(projectId)?.organisationId;
  if (!organisationId) return '';
  return deps.store.organisations
    .list()
    .filter((o) => o.parentId === organisationId)
    .map((o) => `${o.id}:${o.kind}:${o.type}:${o.memberSince ?? ''}:${o.memberUntil ?? ''}`)
    .join(',');
}

export function cachedFollowup(deps: Pick<Deps, 'store' | 'logger'>, projectId: string, now = new Date()): Followup {
  const key = [
    membersStamp(deps, projectId),
    deps.store.versions.list(projectId).length,
    deps.store.acts.ofProject(projectId, { withAnnulled: true }).length,
    deps.store.acts.ofProject(projectId).length,
    deps.store.followup.stamp(projectId),
    parisDate(now),
  ].join('|');
  const hit = cache.get(projectId);
  if (hit?.key === key) return hit.followup;
  const followup = projectFollowup(deps, projectId, now);
  cache.delete(projectId);
  cache.set(projectId, { key, followup });
  if (cache.size > maxProjects) cache.delete(cache.keys().next().value!);
  return followup;
}
