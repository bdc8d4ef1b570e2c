import type { Deps } from '../commands/deps';
import { HttpError } from '../http/errors';
import { missingBeforeTransmission, pathProgress, type StepState } from './progress';
import { actFacts, governanceConfigFor, plannedFacts, projectScope } from './projectContext';
import { parisDate } from './parisTime';

/** The path of one version of a project, step by step (see `pathProgress`). */
export function versionProgress(deps: Pick<Deps, 'store' | 'logger'>, projectId: string, versionId: string | null, now = new Date()): StepState[] {
  const project = deps.store.projects.get(projectId);
  if (!project) throw new HttpError(404, 'project_not_found', 'Projet introuvable.');
  if (versionId !== null && !deps.store.versions.get(projectId, versionId)) {
    throw new HttpError(404, 'version_not_found', 'Version introuvable.');
  }
  return pathProgress({
    config: governanceConfigFor(deps, project.organisationId, project.kind),
    scope: projectScope(deps, project),
    versionId,
    facts: actFacts(deps, projectId),
    planned: plannedFacts(deps, projectId, parisDate(now)),
  });
}

/**
 * The gate before the ARS transmission (and for the submission package): one French sentence
 * per act the path requires on this version that is not recorded; empty when all are.
 */
export function missingRequiredActs(deps: Pick<Deps, 'store' | 'logger'>, projectId: string, versionId: string): string[] {
  return missingBeforeTransmission(versionProgress(deps, projectId, versionId));
}
