import type { Deps } from '../deps';
import { DomainError } from '../errors';
import type { GovernanceConfig } from './config';
import type { PathStep } from './paths';
import { versionProgressOverPath } from './memberScope';
import { missingBefore, missingRequired, type StepState } from './progress';
import { actFacts, governanceConfigFor, plannedFacts, projectScope } from './projectContext';
import { parisDate } from './parisTime';

/** The path of one version of a project, step by step (see `pathProgress`). */
export function versionProgress(deps: Pick<Deps, 'store' | 'logger'>, projectId: string, versionId: string | null, now = new Date()): StepState[] {
  return versionPath(deps, projectId, versionId, now).steps;
}

function versionPath(
  deps: Pick<Deps, 'store' | 'logger'>,
  projectId: string,
  versionId: string | null,
  now = new Date(),
): { config: GovernanceConfig; steps: StepState[] } {
  const project = deps.store.projects.get(projectId);
  if (!project) throw new DomainError('not_found', 'project_not_found', 'Projet introuvable.');
  if (versionId !== null && !deps.store.versions.get(projectId, versionId)) {
    throw new DomainError('not_found', 'version_not_found', 'Version introuvable.');
  }
  const config = governanceConfigFor(deps, project.organisationId, project.kind);
  const steps = versionProgressOverPath({
    config,
    scope: projectScope(deps, project),
    versionId,
    facts: actFacts(deps, projectId),
    planned: plannedFacts(deps, projectId, parisDate(now)),
  });
  return { config, steps };
}

/**
 * One French sentence per required step of the path not recorded on this version; empty when
 * the version finished its path (a PM approved by the Directoire; a PMP whose signed convention
 * or avenant the ARS received).
 */
export function missingRequiredActs(deps: Pick<Deps, 'store' | 'logger'>, projectId: string, versionId: string): string[] {
  return missingRequired(versionProgress(deps, projectId, versionId));
}

/**
 * What a package built from this version is: `adoption` when the path sends nothing to the ARS
 * (the adoption record of a PM, PSIRMT or PSP, kept by the établissement); otherwise the next
 * sending step not yet recorded (the last one once all are): `information` for the PMP sent
 * before signature, `approbation` for the signed convention or avenant, whose receipt starts
 * the clock. `missing`: the sentences of what that step (or, for a record, the path) still lacks.
 */
export interface SubmissionTarget {
  purpose: 'information' | 'approbation' | 'adoption';
  step: PathStep | null;
  /** The act of that step already recorded on the version, if any. */
  recordedActId: string | null;
  missing: string[];
}

export function submissionTarget(deps: Pick<Deps, 'store' | 'logger'>, projectId: string, versionId: string): SubmissionTarget {
  const { config, steps } = versionPath(deps, projectId, versionId);
  const sending = config.path.filter((s) => s.stage === 'transmission' && (s.act === 'transmission' || s.act === 'soumission'));
  if (sending.length === 0) return { purpose: 'adoption', step: null, recordedActId: null, missing: missingRequired(steps) };
  const stateOf = (s: PathStep) => steps.find((state) => state.stepId === s.id);
  const step = sending.find((s) => stateOf(s)?.status !== 'done') ?? sending[sending.length - 1]!;
  return {
    purpose: step.act === 'soumission' ? 'approbation' : 'information',
    step,
    recordedActId: stateOf(step)?.doneBy?.actId ?? null,
    missing: missingBefore(config, steps, step.id),
  };
}
