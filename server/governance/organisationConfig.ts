import type { Deps } from '../deps';
import { GovernanceOverrides, resolveConfig, type GovernanceConfig } from './config';

/**
 * Rule settings that belong to an instance rather than a document (convocation delays, meeting
 * minimums, reminder leads): the organisation's settings for every kind ('*'), over its GHT's.
 * Per-kind settings only change what concerns a project of that kind.
 */
export function organisationConfig(deps: Pick<Deps, 'store' | 'logger'>, organisationId: string): GovernanceConfig {
  const org = deps.store.organisations.get(organisationId);
  const chain = [org?.parentId, org?.id].filter((id): id is string => typeof id === 'string');
  const layers = chain.map((id) => {
    const parsed = GovernanceOverrides.safeParse(deps.store.governanceSettings.get(id, '*'));
    return parsed.success ? parsed.data : undefined;
  });
  // The path is irrelevant here; any kind's defaults carry the same instance settings.
  return resolveConfig('PM', layers);
}
