import type { ActKind, InstanceKind } from '../../schemas/governance';
import type { MemberCategory } from '../../schemas/organisation';
import type { PathStep } from './paths';

/** A recorded act as the rules see it: what, by which instance of which organisation, when, on which version. */
export interface ActFact {
  id: string;
  kind: ActKind;
  versionId: string;
  instanceKind: InstanceKind;
  organisationId: string;
  /** Date of the séance, YYYY-MM-DD. */
  date: string;
}

/** An agenda item of a séance still to come. */
export interface PlannedFact {
  seanceId: string;
  date: string;
  act: ActKind;
  versionId: string | null;
  instanceKind: InstanceKind;
  organisationId: string;
}

/** Where a project's acts happen: its own organisation and, for a GHT, its member établissements. */
export interface ProjectScope {
  /** null: a project attached to no organisation accepts any instance. */
  organisationId: string | null;
  /** Member établissements, with their R6132-6 category (public hospital, public ESMS, military hospital). */
  members: { id: string; name: string; category: MemberCategory; memberSince?: string | null; memberUntil?: string | null }[];
  organisationName(id: string): string;
}

/** The members that owe a `members` step: those of its categories (all when it names none). */
function membersOf(step: PathStep, scope: ProjectScope): ProjectScope['members'] {
  return scope.members.filter((m) => !step.memberCategories || step.memberCategories.includes(m.category));
}

/**
 * Whether an act by an instance of `organisationId` can fulfil a step. For a `members` step,
 * `member` narrows to one établissement (undefined: any member).
 */
export function instanceFits(
  step: PathStep,
  fact: { act: ActKind; instanceKind: InstanceKind; organisationId: string },
  scope: ProjectScope,
  member?: string,
): boolean {
  if (fact.act !== step.act || !step.instanceKinds.includes(fact.instanceKind)) return false;
  if (step.scope === 'project') return scope.organisationId === null || fact.organisationId === scope.organisationId;
  if (member) return fact.organisationId === member && membersOf(step, scope).some((m) => m.id === member);
  return membersOf(step, scope).some((m) => m.id === fact.organisationId);
}

/** The organisations a step is owed by: the project's, or each member établissement. */
export function stepOwners(step: PathStep, scope: ProjectScope): (string | undefined)[] {
  return step.scope === 'members' ? membersOf(step, scope).map((m) => m.id) : [undefined];
}
