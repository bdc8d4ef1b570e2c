import type { CreatedInstance, OrganisationCreated, OrganisationInput, OrganisationPatch, RegulatoryOfferItem } from '../../schemas/api/organisations';
import type { InstanceKind } from '../../schemas/governance';
import type { OrgRole } from '../../schemas/user';
import { parisDate } from '../governance/parisTime';
import { regulatoryInstances } from '../governance/regulatoryInstances';
import { DomainError } from '../errors';
import type { OrganisationChanges, OrganisationKind, OrganisationRecord } from '../store/organisations';
import type { UserRecord } from '../store/users';
import type { Deps } from '../deps';
import { addInstance, archived } from './instances';

export type { OrganisationInput, OrganisationPatch } from '../../schemas/api/organisations';

const invalid = (path: string, message: string) => new DomainError('invalid', 'validation_failed', 'Données invalides (corps).', [{ path, message }]);
const notFound = () => new DomainError('not_found', 'organisation_not_found', 'Organisation introuvable.');
const audit = (deps: Deps, user: UserRecord, action: string, organisationId: string, details: Record<string, unknown>) =>
  deps.store.audit.append({ actorId: user.id, actorName: user.name, action, subjectType: 'organisation', subjectId: organisationId, details });

/** Checks that the fields placing an organisation fit its kind; 400 naming the field otherwise. */
function checkPlacement(deps: Deps, kind: OrganisationKind, self: string | null, input: Omit<OrganisationPatch, 'archived'>): void {
  const orgs = deps.store.organisations;
  if (kind !== 'etablissement') {
    for (const field of ['parentId', 'type', 'isSupport', 'memberSince', 'memberUntil'] as const) {
      if (input[field] !== undefined && input[field] !== null && input[field] !== false) throw invalid(field, 'Réservé à un établissement membre d’un GHT.');
    }
  }
  if (kind !== 'GHT' && input.associatedChuId) throw invalid('associatedChuId', 'Seul un GHT est associé à un CHU.');
  if (kind === 'ARS' && input.arsId) throw invalid('arsId', 'Une ARS ne relève pas d’une ARS.');
  if (input.parentId) {
    const parent = orgs.get(input.parentId);
    if (!parent || parent.kind !== 'GHT') throw invalid('parentId', 'Le groupement doit être un GHT existant.');
    if (parent.archivedAt) throw invalid('parentId', 'Ce GHT est archivé.');
  }
  if (input.arsId) {
    const ars = orgs.get(input.arsId);
    if (!ars || ars.kind !== 'ARS') throw invalid('arsId', 'Ce n’est pas une organisation de type ARS.');
  }
  if (input.associatedChuId) {
    const chu = orgs.get(input.associatedChuId);
    if (!chu || chu.kind !== 'etablissement' || chu.type !== 'CHU') throw invalid('associatedChuId', 'Ce n’est pas un établissement de type CHU.');
  }
  if (input.isSupport) {
    // `parentId: null` in the same change leaves the GHT: then there is nothing to support.
    const parentId = input.parentId !== undefined ? input.parentId : self ? orgs.get(self)?.parentId : null;
    if (!parentId) throw invalid('isSupport', 'Seul un membre d’un GHT en est l’établissement support.');
    const other = orgs.list().find((o) => o.parentId === parentId && o.isSupport && o.id !== self && !o.archivedAt);
    if (other) throw invalid('isSupport', `Le GHT a déjà un établissement support : ${other.name}.`);
  }
  if (input.memberSince && input.memberUntil && input.memberUntil < input.memberSince) throw invalid('memberUntil', 'La fin d’adhésion précède son début.');
}

/** The kinds offered for this organisation; 400 on `path.N` for a kind the law does not give it. */
function checkRegulatoryKinds(org: Pick<OrganisationRecord, 'kind' | 'type' | 'name'>, kinds: InstanceKind[], path: string): void {
  const offered = new Set(regulatoryInstances(org).map((o) => o.kind));
  kinds.forEach((kind, n) => {
    if (!offered.has(kind)) throw invalid(`${path}.${n}`, `Cette instance n’est pas prévue pour ce type d’organisation : ${kind}.`);
  });
}

/** Creates the offered instances of these kinds that the organisation does not have yet (in the caller's transaction). */
function addRegulatoryInstances(deps: Deps, user: UserRecord, org: OrganisationRecord, kinds: InstanceKind[]): CreatedInstance[] {
  const existing = new Set(deps.store.instances.ofOrganisation(org.id).map((i) => i.kind));
  const created: { id: string; kind: InstanceKind; name: string }[] = [];
  for (const offer of regulatoryInstances(org)) {
    if (!kinds.includes(offer.kind) || existing.has(offer.kind)) continue;
    const id = addInstance(deps, user, { organisationId: org.id, kind: offer.kind, name: offer.title }, { regulatory: true, basis: offer.basis });
    created.push({ id, kind: offer.kind, name: offer.title });
  }
  return created;
}

/** An administrator creates a GHT, an établissement (a member of its GHT from today) or an ARS; audited. */
export function createOrganisation(deps: Deps, user: UserRecord, input: OrganisationInput): OrganisationCreated {
  if (!deps.policy.can(user, { action: 'organisation.create' }))
    throw new DomainError('forbidden', 'forbidden', 'Seul un administrateur crée des organisations.');
  checkPlacement(deps, input.kind, null, input);
  const type = input.kind === 'etablissement' ? (input.type ?? 'EPS') : null;
  if (input.instances) checkRegulatoryKinds({ kind: input.kind, type, name: input.name }, input.instances, 'instances');
  return deps.store.transaction(() => {
    const memberSince = input.parentId ? (input.memberSince ?? parisDate(new Date())) : undefined;
    const id = deps.store.organisations.create({
      name: input.name,
      kind: input.kind,
      parentId: input.parentId,
      isSupport: input.isSupport,
      type: type ?? undefined,
      finessJuridique: input.finess,
      finessGeographique: input.finessGeographique,
      memberSince,
    });
    if (input.associatedChuId) deps.store.organisations.update(id, { associatedChuId: input.associatedChuId });
    if (input.arsId) deps.store.submissions.setArs(id, input.arsId);
    const { instances: _kinds, ...recorded } = input;
    audit(deps, user, 'organisation.create', id, { ...recorded, type, memberSince: memberSince ?? null });
    const org = deps.store.organisations.get(id)!;
    return { id, instances: input.instances ? addRegulatoryInstances(deps, user, org, input.instances) : [] };
  });
}

/**
 * Changes an organisation; archiving keeps it and all its records (nothing with acts is ever
 * deleted) and only stops offering it. Audited with each field's before and after.
 */
export function updateOrganisation(deps: Deps, user: UserRecord, organisationId: string, patch: OrganisationPatch): void {
  const org = deps.store.organisations.get(organisationId);
  if (!org) throw notFound();
  const structural = (Object.keys(patch) as (keyof OrganisationPatch)[]).some(
    (k) => patch[k] !== undefined && !['name', 'finess', 'finessGeographique'].includes(k),
  );
  if (!deps.policy.can(user, { action: 'organisation.edit', organisationId, structural })) {
    if (!deps.policy.can(user, { action: 'organisation.list', organisationId })) throw notFound();
    throw new DomainError(
      'forbidden',
      'forbidden',
      structural ? 'Seul un administrateur rattache, classe ou archive une organisation.' : 'Réservé aux administrateurs de l’organisation.',
    );
  }
  if (patch.parentId === organisationId || patch.associatedChuId === organisationId)
    throw invalid(patch.parentId === organisationId ? 'parentId' : 'associatedChuId', 'Une organisation ne se rattache pas à elle-même.');
  checkPlacement(deps, org.kind, org.id, {
    ...patch,
    memberSince: patch.memberSince === undefined ? org.memberSince : patch.memberSince,
    memberUntil: patch.memberUntil === undefined ? org.memberUntil : patch.memberUntil,
  });
  const changes: OrganisationChanges = {
    name: patch.name,
    finessJuridique: patch.finess,
    finessGeographique: patch.finessGeographique,
    type: patch.type,
    isSupport: patch.isSupport ?? (patch.parentId !== undefined && patch.parentId !== org.parentId ? false : undefined),
    parentId: patch.parentId,
    associatedChuId: patch.associatedChuId,
    memberSince: patch.memberSince ?? (patch.parentId && patch.parentId !== org.parentId ? parisDate(new Date()) : undefined),
    memberUntil: patch.memberUntil,
    archivedAt: patch.archived === undefined ? undefined : patch.archived ? (org.archivedAt ?? new Date().toISOString()) : null,
  };
  const diff: Record<string, { before: unknown; after: unknown }> = {};
  for (const key of Object.keys(changes) as (keyof OrganisationChanges)[]) {
    if (changes[key] !== undefined && changes[key] !== org[key]) diff[key] = { before: org[key], after: changes[key] };
  }
  const arsBefore = deps.store.submissions.arsOf(org.id) ?? null;
  if (patch.arsId && patch.arsId !== arsBefore) diff.arsId = { before: arsBefore, after: patch.arsId };
  if (Object.keys(diff).length === 0) return;
  deps.store.transaction(() => {
    deps.store.organisations.update(org.id, changes);
    if (patch.arsId) deps.store.submissions.setArs(org.id, patch.arsId);
    audit(deps, user, patch.archived === true && !org.archivedAt ? 'organisation.archive' : 'organisation.update', org.id, {
      organisation: org.name,
      changes: diff,
    });
  });
}

/** What the law offers this organisation, ticked or not, and which it already has. */
export function regulatoryOffer(deps: Deps, user: UserRecord, organisationId: string): RegulatoryOfferItem[] {
  const org = deps.store.organisations.get(organisationId);
  if (!org || !deps.policy.can(user, { action: 'organisation.view', organisationId })) throw notFound();
  const existing = deps.store.instances.ofOrganisation(org.id);
  return regulatoryInstances(org).map((o) => ({ ...o, instanceId: existing.find((i) => i.kind === o.kind)?.id ?? null }));
}

/** Creates the ticked regulatory instances the organisation does not have yet (its administrators); audited one by one. */
export function createRegulatoryInstances(
  deps: Deps,
  user: UserRecord,
  organisationId: string,
  kinds: InstanceKind[],
): { id: string; kind: InstanceKind; name: string }[] {
  const org = deps.store.organisations.get(organisationId);
  if (!org || !deps.policy.can(user, { action: 'organisation.list', organisationId })) throw notFound();
  if (!deps.policy.can(user, { action: 'instance.create', organisationId })) {
    throw new DomainError(
      'forbidden',
      'forbidden',
      'Seuls l’administrateur, les administrateurs et le secrétariat général de l’organisation créent ses instances.',
    );
  }
  if (org.archivedAt) throw archived();
  checkRegulatoryKinds(org, kinds, 'kinds');
  return deps.store.transaction(() => addRegulatoryInstances(deps, user, org, kinds));
}

/**
 * Takes back a user's roles in an organisation: one (`role`) or all of them, instance
 * secretaries included. Audited; 404 `role_not_found` when there was none.
 */
export function revokeOrganisationRoles(deps: Deps, user: UserRecord, organisationId: string, userId: string, role: OrgRole | null): void {
  const org = deps.store.organisations.get(organisationId);
  if (!org || !deps.policy.can(user, { action: 'organisation.list', organisationId })) throw notFound();
  if (!deps.policy.can(user, { action: 'organisation.administer', organisationId })) {
    throw new DomainError('forbidden', 'forbidden', 'Seuls l’administrateur et les administrateurs de l’organisation retirent ses rôles.');
  }
  const held = deps.store.organisations.holders(organisationId).filter((h) => h.userId === userId && (role === null || h.role === role));
  if (held.length === 0) throw new DomainError('not_found', 'role_not_found', 'Cette personne n’a pas ce rôle dans l’organisation.');
  const target = deps.store.users.get(userId);
  deps.store.transaction(() => {
    deps.store.organisations.revokeRoles(organisationId, userId, role);
    deps.store.audit.append({
      actorId: user.id,
      actorName: user.name,
      action: 'role.organisation.revoke',
      subjectType: 'user',
      subjectId: userId,
      details: { organisationId, organisation: org.name, user: target?.name ?? '', roles: held.map((h) => ({ role: h.role, instanceId: h.instanceId })) },
    });
  });
}
