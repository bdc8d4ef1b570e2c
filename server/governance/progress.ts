import type { ActKind, InstanceKind } from '../../schemas/governance';
import { prerequisitesOf, type GovernanceConfig } from './config';
import { instanceFits, stepOwners, type ActFact, type PlannedFact, type ProjectScope } from './facts';
import type { PathStep } from './paths';
import { actOf, agree, capitalize } from './wording';

/** Where one step of the path stands for one version (and one établissement, for member steps). */
export interface StepState {
  stepId: string;
  act: ActKind;
  instanceKinds: InstanceKind[];
  /** The member établissement owing this step; null for the project's own steps. */
  organisationId: string | null;
  required: boolean;
  stage: PathStep['stage'];
  basis: string | null;
  /** French label: "l’avis de la CME (Centre hospitalier d’Étampes-Juine)". */
  label: string;
  status: 'done' | 'planned' | 'todo';
  /** The act that fulfils the step (status done). */
  doneBy: { actId: string; date: string } | null;
  /** The next séance with this step on its agenda (status planned). */
  planned: { seanceId: string; date: string } | null;
  /** Every prerequisite is done. */
  ready: boolean;
}

/**
 * The path of a version, step by step: done when an act fits the step on this version, planned
 * when a séance to come has it on its agenda (for this version or a version still to freeze).
 */
export function pathProgress(input: {
  config: GovernanceConfig;
  scope: ProjectScope;
  versionId: string | null;
  facts: ActFact[];
  planned: PlannedFact[];
}): StepState[] {
  const { config, scope, versionId } = input;
  const states: StepState[] = [];
  const isDone = (step: PathStep, owner: string | undefined): ActFact | undefined =>
    versionId === null
      ? undefined
      : input.facts
          .filter((f) => f.versionId === versionId && instanceFits(step, { act: f.kind, instanceKind: f.instanceKind, organisationId: f.organisationId }, scope, owner))
          .sort((a, b) => a.date.localeCompare(b.date))[0];
  for (const step of config.path) {
    for (const owner of stepOwners(step, scope)) {
      const done = isDone(step, owner);
      const planned = done
        ? undefined
        : input.planned
            .filter((p) => (p.versionId === null || p.versionId === versionId) && instanceFits(step, p, scope, owner))
            .sort((a, b) => a.date.localeCompare(b.date))[0];
      const ready = prerequisitesOf(config, step.id).every((pre) => {
        const owners = pre.scope === 'members' && step.scope === 'members' ? [owner] : stepOwners(pre, scope);
        return owners.every((o) => isDone(pre, o) !== undefined);
      });
      states.push({
        stepId: step.id,
        act: step.act,
        instanceKinds: [...step.instanceKinds],
        organisationId: owner ?? null,
        required: step.required,
        stage: step.stage,
        basis: step.basis ?? null,
        label: actOf(step.act, step.instanceKinds, owner ? scope.organisationName(owner) : undefined),
        status: done ? 'done' : planned ? 'planned' : 'todo',
        doneBy: done ? { actId: done.id, date: done.date } : null,
        planned: planned ? { seanceId: planned.seanceId, date: planned.date } : null,
        ready,
      });
    }
  }
  return states;
}

/** Steps to work on now: not done, prerequisites met, in path order. */
export function nextSteps(states: StepState[]): StepState[] {
  return states.filter((s) => s.status !== 'done' && s.ready);
}

/** French sentences for each required act still missing before the transmission to the ARS. */
export function missingBeforeTransmission(states: StepState[]): string[] {
  return states
    .filter((s) => s.required && s.stage === 'before' && s.status !== 'done')
    .map((s) => `${capitalize(s.label)} n’est pas ${agree(s.act, 'enregistré')} sur cette version.`);
}
