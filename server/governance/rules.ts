import { instanceKindLabels, type ActKind, type InstanceKind } from '../../schemas/governance';
import { prerequisitesOf, type GovernanceConfig } from './config';
import { instanceFits, stepOwners, type ActFact, type ProjectScope } from './facts';
import { addDays, formatDateFr } from './parisTime';
import type { PathStep } from './paths';
import { pathProgress, type StepState } from './progress';
import { actOf, agree, capitalize, de, pronoun } from './wording';
import type { Violation } from '../../schemas/api/governanceViews';
export type { Violation };

/** The act a secretary is about to record. */
export interface ActAttempt {
  kind: ActKind;
  versionId: string;
  versionLabel: string;
  instance: { kind: InstanceKind; organisationId: string };
  seance: { date: string; status: 'planned' | 'held' | 'cancelled'; convocationSentOn: string | null };
}

/** Legal basis of a convocation delay, when one is known. */
const convocationBasis: Partial<Record<InstanceKind, string>> = { CMG: 'D6132-9-8' };

function convocationViolation(config: GovernanceConfig, attempt: ActAttempt): Violation | null {
  const days = config.convocationDays[attempt.instance.kind];
  if (!days) return null;
  const { date, convocationSentOn } = attempt.seance;
  const deadline = addDays(date, -days);
  const who = instanceKindLabels[attempt.instance.kind];
  const basis = convocationBasis[attempt.instance.kind];
  const rule = basis ? ` (${basis})` : '';
  if (!convocationSentOn) {
    return {
      rule: 'convocation',
      overridable: true,
      message: `La convocation de la séance du ${formatDateFr(date)} ${de(who)} n’est pas enregistrée comme envoyée : elle doit partir au moins ${days} jours avant la séance, au plus tard le ${formatDateFr(deadline)}${rule}.`,
    };
  }
  if (convocationSentOn > deadline) {
    return {
      rule: 'convocation',
      overridable: true,
      message: `La convocation de la séance du ${formatDateFr(date)} ${de(who)} est partie le ${formatDateFr(convocationSentOn)}, moins de ${days} jours avant la séance (date limite : ${formatDateFr(deadline)})${rule}.`,
    };
  }
  return null;
}

/**
 * Prerequisites of the path steps this act fulfils: each must be recorded on the same version,
 * at a séance held no later than this one (in the same établissement for the per-establishment
 * sequence; in every member établissement concerned when a GHT-level step waits for that
 * sequence). An act that fits several steps (the CME's avis on the PM, and on the projet
 * d'établissement that contains it) is accepted when it meets the prerequisites of one of them.
 */
function prerequisiteViolations(config: GovernanceConfig, scope: ProjectScope, attempt: ActAttempt, facts: ActFact[]): Violation[] {
  const fact = { act: attempt.kind, instanceKind: attempt.instance.kind, organisationId: attempt.instance.organisationId };
  // The path as it stood on the séance's day: acts of this version recorded no later.
  const states = pathProgress({ config, scope, versionId: attempt.versionId, facts: facts.filter((f) => f.date <= attempt.seance.date), planned: [] });
  const perStep = config.path
    .filter((step) => instanceFits(step, fact, scope, step.scope === 'members' ? attempt.instance.organisationId : undefined))
    .map((step) => stepViolations(config, scope, attempt, states, step));
  if (perStep.some((v) => v.length === 0)) return [];
  const violations = new Map<string, Violation>();
  for (const v of perStep.flat()) if (!violations.has(v.rule)) violations.set(v.rule, v);
  return [...violations.values()];
}

function stepViolations(config: GovernanceConfig, scope: ProjectScope, attempt: ActAttempt, states: StepState[], step: PathStep): Violation[] {
  const violations: Violation[] = [];
  for (const pre of prerequisitesOf(config, step.id)) {
    const owners = pre.scope === 'members' && step.scope === 'members' ? [attempt.instance.organisationId] : stepOwners(pre, scope);
    const missing = owners.filter((owner) => !states.some((s) => s.stepId === pre.id && s.organisationId === (owner ?? null) && s.status === 'done'));
    if (missing.length === 0) continue;
    const where = missing.filter((m): m is string => m !== undefined).map((m) => scope.organisationName(m));
    const needed = actOf(pre.act, pre.instanceKinds, where.length > 0 ? where.join(', ') : undefined);
    const doing = actOf(attempt.kind, [attempt.instance.kind]);
    violations.push({
      rule: `prerequisite:${pre.id}`,
      overridable: true,
      message:
        `${capitalize(doing)} requiert au préalable ${needed} sur la même version (${attempt.versionLabel})` +
        ` [${pre.basis}] ; ${pronoun(pre.act)} n’est pas ${agree(pre.act, 'enregistré')}` +
        ` à la date de la séance du ${formatDateFr(attempt.seance.date)}.`,
    });
  }
  return violations;
}

/** Every rule the act would break; empty when it may be recorded. */
export function checkAct(input: {
  config: GovernanceConfig;
  scope: ProjectScope;
  attempt: ActAttempt;
  /** Acts already recorded on the project. */
  facts: ActFact[];
  /** Today in Paris, YYYY-MM-DD. */
  today: string;
}): Violation[] {
  const { attempt } = input;
  const violations: Violation[] = [];
  if (attempt.seance.status === 'cancelled') {
    violations.push({
      rule: 'seance_cancelled',
      overridable: false,
      message: `La séance du ${formatDateFr(attempt.seance.date)} a été annulée : aucun acte ne peut y être enregistré.`,
    });
  }
  if (attempt.seance.date > input.today) {
    violations.push({
      rule: 'seance_not_held',
      overridable: false,
      message: `La séance du ${formatDateFr(attempt.seance.date)} n’a pas encore eu lieu : un acte s’enregistre après la séance.`,
    });
  }
  const convocation = convocationViolation(input.config, attempt);
  if (convocation) violations.push(convocation);
  violations.push(...prerequisiteViolations(input.config, input.scope, attempt, input.facts));
  return violations;
}
