import { actKindWithArticle, instanceKindLabels, type ActKind, type InstanceKind } from '../../schemas/governance';
import { prerequisitesOf, type GovernanceConfig } from './config';
import { instanceFits, stepOwners, type ActFact, type ProjectScope } from './facts';
import { addDays, formatDateFr } from './parisTime';
import { actOf, agree, capitalize, pronoun } from './wording';

/** A rule an act would break, with the sentence shown to the secretary. */
export interface Violation {
  /** Stable code, named by overrides: `prerequisite:<stepId>`, `convocation`, `seance_not_held`, `seance_cancelled`. */
  rule: string;
  message: string;
  /** False for facts no justification can change (a séance that has not taken place). */
  overridable: boolean;
}

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
      message: `La convocation de la séance du ${formatDateFr(date)} de ${who} n’est pas enregistrée comme envoyée : elle doit partir au moins ${days} jours avant la séance, au plus tard le ${formatDateFr(deadline)}${rule}.`,
    };
  }
  if (convocationSentOn > deadline) {
    return {
      rule: 'convocation',
      overridable: true,
      message: `La convocation de la séance du ${formatDateFr(date)} de ${who} est partie le ${formatDateFr(convocationSentOn)}, moins de ${days} jours avant la séance (date limite : ${formatDateFr(deadline)})${rule}.`,
    };
  }
  return null;
}

/**
 * Prerequisites of every path step this act fulfils: each must be recorded on the same version,
 * at a séance held no later than this one (in the same établissement for the per-establishment
 * sequence; in every member établissement when a GHT-level step waits for that sequence).
 */
function prerequisiteViolations(config: GovernanceConfig, scope: ProjectScope, attempt: ActAttempt, facts: ActFact[]): Violation[] {
  const fact = { act: attempt.kind, instanceKind: attempt.instance.kind, organisationId: attempt.instance.organisationId };
  const violations = new Map<string, Violation>();
  for (const step of config.path) {
    if (!instanceFits(step, fact, scope, step.scope === 'members' ? attempt.instance.organisationId : undefined)) continue;
    for (const pre of prerequisitesOf(config, step.id)) {
      const owners = pre.scope === 'members' && step.scope === 'members' ? [attempt.instance.organisationId] : stepOwners(pre, scope);
      const missing = owners.filter(
        (owner) =>
          !facts.some(
            (f) =>
              f.versionId === attempt.versionId &&
              f.date <= attempt.seance.date &&
              instanceFits(pre, { act: f.kind, instanceKind: f.instanceKind, organisationId: f.organisationId }, scope, owner),
          ),
      );
      if (missing.length === 0 || violations.has(`prerequisite:${pre.id}`)) continue;
      const where = missing.filter((m): m is string => m !== undefined).map((m) => scope.organisationName(m));
      const needed = actOf(pre.act, pre.instanceKinds, where.length > 0 ? where.join(', ') : undefined);
      const doing = `${actKindWithArticle[attempt.kind]} par ${instanceKindLabels[attempt.instance.kind]}`;
      violations.set(`prerequisite:${pre.id}`, {
        rule: `prerequisite:${pre.id}`,
        overridable: true,
        message:
          `${capitalize(doing)} requiert au préalable ${needed} sur la même version (${attempt.versionLabel})` +
          `${pre.basis ? ` [${pre.basis}]` : ''} ; ${pronoun(pre.act)} n’est pas ${agree(pre.act, 'enregistré')}` +
          ` à la date de la séance du ${formatDateFr(attempt.seance.date)}.`,
      });
    }
  }
  return [...violations.values()];
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
    violations.push({ rule: 'seance_cancelled', overridable: false, message: `La séance du ${formatDateFr(attempt.seance.date)} a été annulée : aucun acte ne peut y être enregistré.` });
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
