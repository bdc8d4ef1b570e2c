import type { Deps } from '../deps';
import type { VersionSummary } from '../store/versions';
import { versionProgress } from './gate';

/**
 * A project's adopted text: the latest version that finished its path (every required step
 * before and at the ARS recorded on it: a PM approved by the Directoire, a PMP whose signed
 * convention or avenant the ARS received). `adoptedOn` is the date of the last of those acts.
 */
export interface Adoption {
  version: VersionSummary;
  adoptedOn: string;
}

export function adoptionOfVersion(deps: Pick<Deps, 'store' | 'logger'>, projectId: string, version: VersionSummary, now = new Date()): Adoption | null {
  const steps = versionProgress(deps, projectId, version.id, now).filter((s) => s.required && s.stage !== 'after');
  if (steps.length === 0 || steps.some((s) => s.status !== 'done')) return null;
  const adoptedOn = steps.reduce((last, s) => (s.doneBy && s.doneBy.date > last ? s.doneBy.date : last), '');
  return { version, adoptedOn };
}

/** The latest adopted version of the project (highest number), or null before any. */
export function latestAdoption(deps: Pick<Deps, 'store' | 'logger'>, projectId: string, now = new Date()): Adoption | null {
  const versions = [...deps.store.versions.list(projectId)].sort((a, b) => b.number - a.number);
  for (const version of versions) {
    const adoption = adoptionOfVersion(deps, projectId, version, now);
    if (adoption) return adoption;
  }
  return null;
}
