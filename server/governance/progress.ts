import { prerequisitesOf, type GovernanceConfig } from './config';
import { instanceFits, stepOwners, type ActFact, type PlannedFact, type ProjectScope } from './facts';
import type { PathStep } from './paths';
import { actOf, agree, capitalize } from './wording';
import type { StepState } from '../../schemas/api/governanceViews';
export type { StepState };

/**
 * The path of a version, step by step: done when an act fits the step on this version (for an
 * `ordered` step, an act dated no earlier than those of its `requires`), planned when a séance to
 * come has it on its agenda (for this version or a version still to freeze).
 */
export function pathProgress(input: {
  config: GovernanceConfig;
  scope: ProjectScope;
  versionId: string | null;
  facts: ActFact[];
  planned: PlannedFact[];
}): StepState[] {
  const { config, scope, versionId } = input;
  const byId = new Map(config.path.map((s) => [s.id, s]));
  const memo = new Map<string, ActFact | undefined>();
  const ownersOf = (pre: PathStep, step: PathStep, owner: string | undefined) =>
    pre.scope === 'members' && step.scope === 'members' ? [owner] : stepOwners(pre, scope);
  const doneBy = (step: PathStep, owner: string | undefined): ActFact | undefined => {
    const key = `${step.id}|${owner ?? ''}`;
    if (memo.has(key)) return memo.get(key);
    memo.set(key, undefined);
    let from = '';
    if (step.ordered) {
      for (const pre of step.requires.map((id) => byId.get(id)).filter((p): p is PathStep => p !== undefined)) {
        for (const o of ownersOf(pre, step, owner)) {
          const fact = doneBy(pre, o);
          if (!fact) return undefined;
          if (fact.date > from) from = fact.date;
        }
      }
    }
    const fact =
      versionId === null
        ? undefined
        : input.facts
            .filter(
              (f) =>
                f.versionId === versionId &&
                f.date >= from &&
                instanceFits(step, { act: f.kind, instanceKind: f.instanceKind, organisationId: f.organisationId }, scope, owner),
            )
            .sort((a, b) => a.date.localeCompare(b.date))[0];
    memo.set(key, fact);
    return fact;
  };
  const states: StepState[] = [];
  for (const step of config.path) {
    for (const owner of stepOwners(step, scope)) {
      const done = doneBy(step, owner);
      const planned = done
        ? undefined
        : input.planned
            .filter((p) => (p.versionId === null || p.versionId === versionId) && instanceFits(step, p, scope, owner))
            .sort((a, b) => a.date.localeCompare(b.date))[0];
      const ready = prerequisitesOf(config, step.id).every((pre) => ownersOf(pre, step, owner).every((o) => doneBy(pre, o) !== undefined));
      states.push({
        stepId: step.id,
        act: step.act,
        instanceKinds: [...step.instanceKinds],
        organisationId: owner ?? null,
        required: step.required,
        stage: step.stage,
        basis: step.basis,
        extension: step.extension ?? null,
        startsTacitApproval: step.startsTacitApproval === true,
        label: actOf(step.act, step.instanceKinds, owner ? scope.organisationName(owner) : undefined),
        status: done ? 'done' : planned ? 'planned' : 'todo',
        doneBy: done ? { actId: done.id, date: done.date } : null,
        planned: planned ? { seanceId: planned.seanceId, date: planned.date } : null,
        ready,
        requires: prerequisitesOf(config, step.id).map((pre) => pre.id),
      });
    }
  }
  return states;
}

/** Steps to work on now: not done, prerequisites met, in path order. */
export function nextSteps(states: StepState[]): StepState[] {
  return states.filter((s) => s.status !== 'done' && s.ready);
}

const sentence = (s: StepState): string => `${capitalize(s.label)} n’est pas ${agree(s.act, 'enregistré')} sur cette version.`;

/**
 * French sentences for each required step of the path not recorded on this version (what comes
 * after adoption, such as publication, aside): empty when the version finished its path.
 */
export function missingRequired(states: StepState[]): string[] {
  return states.filter((s) => s.required && s.stage !== 'after' && s.status !== 'done').map(sentence);
}

/** French sentences for each prerequisite of `stepId` not recorded on this version. */
export function missingBefore(config: GovernanceConfig, states: StepState[], stepId: string): string[] {
  const ids = new Set(prerequisitesOf(config, stepId).map((s) => s.id));
  return states.filter((s) => ids.has(s.stepId) && s.status !== 'done').map(sentence);
}
