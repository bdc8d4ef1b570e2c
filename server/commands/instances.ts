import type { InstanceKind } from '../../schemas/governance';
import type { OrgRole } from '../../schemas/user';
import { DomainError } from '../errors';
import type { InstanceRecord } from '../store/instances';
import type { OrganisationRecord } from '../store/organisations';
import type { UserRecord } from '../store/users';
import type { Deps } from '../deps';

const organisationNotFound = () => new DomainError('not_found', 'organisation_not_found', 'Organisation introuvable.');
/** An archived organisation keeps its records but takes no new instance nor role. */
export const archived = () => new DomainError('conflict', 'organisation_archived', 'Cette organisation est archivée.');

export function createInstance(deps: Deps, user: UserRecord, input: { organisationId: string; kind: InstanceKind; name: string }): string {
  const organisation = deps.store.organisations.get(input.organisationId);
  if (!organisation) throw organisationNotFound();
  if (!deps.policy.can(user, { action: 'instance.create', organisationId: organisation.id })) {
    throw new DomainError('forbidden', 'forbidden', 'Seuls l’administrateur et le secrétariat général de l’organisation créent ses instances.');
  }
  if (organisation.archivedAt) throw archived();
  return deps.store.transaction(() => addInstance(deps, user, { ...input, organisationId: organisation.id }));
}

/** Stores an instance and its audit entry (in the caller's transaction, rights already checked). */
export function addInstance(
  deps: Pick<Deps, 'store'>,
  user: UserRecord,
  input: { organisationId: string; kind: InstanceKind; name: string },
  details: Record<string, unknown> = {},
): string {
  const id = deps.store.organisations.createInstance(input.organisationId, input.kind, input.name);
  deps.store.audit.append({
    actorId: user.id,
    actorName: user.name,
    action: 'instance.create',
    subjectType: 'instance',
    subjectId: id,
    details: { organisationId: input.organisationId, kind: input.kind, name: input.name, ...details },
  });
  return id;
}

function configurable(deps: Deps, user: UserRecord, instanceId: string): InstanceRecord {
  const instance = deps.store.instances.get(instanceId);
  if (!instance) throw new DomainError('not_found', 'instance_not_found', 'Instance introuvable.');
  if (!deps.policy.can(user, { action: 'organisation.administer', organisationId: instance.organisationId })) {
    throw new DomainError('forbidden', 'forbidden', 'Seuls l’administrateur et les administrateurs de l’organisation désignent les secrétaires d’instance.');
  }
  return instance;
}

/** Makes a user secretary of an instance (a role change, kept in the audit log). */
export function setSecretary(deps: Deps, user: UserRecord, instanceId: string, userId: string, granted: boolean): void {
  const instance = configurable(deps, user, instanceId);
  const target = deps.store.users.get(userId);
  if (!target) throw new DomainError('not_found', 'user_not_found', 'Utilisateur introuvable.');
  deps.store.transaction(() => {
    if (granted) deps.store.organisations.grantRole(instance.organisationId, userId, 'secretary', instance.id);
    else deps.store.instances.removeSecretary(instance, userId);
    deps.store.audit.append({
      actorId: user.id,
      actorName: user.name,
      action: granted ? 'role.secretary.grant' : 'role.secretary.revoke',
      subjectType: 'user',
      subjectId: userId,
      details: { instanceId: instance.id, instance: instance.name, organisationId: instance.organisationId, user: target.name },
    });
  });
}

/** An ARS reads; a hospital writes: a role of the one never goes to the other (400 on `role`). */
export function requireRoleFits(organisation: OrganisationRecord, role: OrgRole): void {
  const fits = organisation.kind === 'ARS' ? role === 'ars_reader' || role === 'org_admin' : role !== 'ars_reader';
  if (!fits) {
    throw new DomainError('invalid', 'validation_failed', 'Données invalides (corps).', [
      {
        path: 'role',
        message: organisation.kind === 'ARS' ? 'Une ARS ne donne que les rôles ars_reader et org_admin.' : 'Le rôle ars_reader se donne dans une ARS.',
      },
    ]);
  }
}

/** Gives a user a role in an organisation (member, ARS reader, secretary of all its instances, template manager, organisation administrator). */
export function grantOrganisationRole(deps: Deps, user: UserRecord, organisationId: string, input: { userId: string; role: OrgRole }): void {
  const organisation = deps.store.organisations.get(organisationId);
  if (!organisation) throw organisationNotFound();
  if (!deps.policy.can(user, { action: 'organisation.administer', organisationId })) {
    throw new DomainError('forbidden', 'forbidden', 'Seuls l’administrateur et les administrateurs de l’organisation attribuent ses rôles.');
  }
  if (organisation.archivedAt) throw archived();
  requireRoleFits(organisation, input.role);
  const target = deps.store.users.get(input.userId);
  if (!target) throw new DomainError('not_found', 'user_not_found', 'Utilisateur introuvable.');
  if (deps.store.organisations.rolesOf(input.userId).some((r) => r.organisationId === organisationId && r.role === input.role && r.instanceId === null)) return;
  deps.store.transaction(() => {
    deps.store.organisations.grantRole(organisationId, input.userId, input.role);
    deps.store.audit.append({
      actorId: user.id,
      actorName: user.name,
      action: 'role.organisation.grant',
      subjectType: 'user',
      subjectId: input.userId,
      details: { organisationId, organisation: organisation.name, role: input.role, user: target.name },
    });
  });
}
