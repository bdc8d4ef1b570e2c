import type { InstanceKind } from '../../schemas/governance';
import type { OrgRole } from '../../schemas/user';
import { HttpError } from '../http/errors';
import type { InstanceRecord } from '../store/instances';
import type { UserRecord } from '../store/users';
import type { Deps } from './deps';

const organisationNotFound = () => new HttpError(404, 'organisation_not_found', 'Organisation introuvable.');

export function createInstance(deps: Deps, user: UserRecord, input: { organisationId: string; kind: InstanceKind; name: string }): string {
  const organisation = deps.store.organisations.get(input.organisationId);
  if (!organisation) throw organisationNotFound();
  if (!deps.policy.can(user, { action: 'instance.create', organisationId: organisation.id })) {
    throw new HttpError(403, 'forbidden', 'Seuls l’administrateur et le secrétariat général de l’organisation créent ses instances.');
  }
  return deps.store.db.transaction(() => {
    const id = deps.store.organisations.createInstance(organisation.id, input.kind, input.name);
    deps.store.audit.append({
      actorId: user.id,
      actorName: user.name,
      action: 'instance.create',
      subjectType: 'instance',
      subjectId: id,
      details: { organisationId: organisation.id, kind: input.kind, name: input.name },
    });
    return id;
  })();
}

function configurable(deps: Deps, user: UserRecord, instanceId: string): InstanceRecord {
  const instance = deps.store.instances.get(instanceId);
  if (!instance) throw new HttpError(404, 'instance_not_found', 'Instance introuvable.');
  if (!deps.policy.can(user, { action: 'governance.configure', organisationId: instance.organisationId })) {
    throw new HttpError(403, 'forbidden', 'Seul un administrateur désigne les secrétaires d’instance.');
  }
  return instance;
}

/** Makes a user secretary of an instance (a role change, kept in the audit log). */
export function setSecretary(deps: Deps, user: UserRecord, instanceId: string, userId: string, granted: boolean): void {
  const instance = configurable(deps, user, instanceId);
  const target = deps.store.users.get(userId);
  if (!target) throw new HttpError(404, 'user_not_found', 'Utilisateur introuvable.');
  deps.store.db.transaction(() => {
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
  })();
}

/** Gives a user a role in an organisation (member, ARS reader, or secretary of all its instances). */
export function grantOrganisationRole(deps: Deps, user: UserRecord, organisationId: string, input: { userId: string; role: OrgRole }): void {
  const organisation = deps.store.organisations.get(organisationId);
  if (!organisation) throw organisationNotFound();
  if (!deps.policy.can(user, { action: 'governance.configure', organisationId })) {
    throw new HttpError(403, 'forbidden', 'Seul un administrateur attribue les rôles d’une organisation.');
  }
  const target = deps.store.users.get(input.userId);
  if (!target) throw new HttpError(404, 'user_not_found', 'Utilisateur introuvable.');
  if (deps.store.organisations.rolesOf(input.userId).some((r) => r.organisationId === organisationId && r.role === input.role && r.instanceId === null)) return;
  deps.store.db.transaction(() => {
    deps.store.organisations.grantRole(organisationId, input.userId, input.role);
    deps.store.audit.append({
      actorId: user.id,
      actorName: user.name,
      action: 'role.organisation.grant',
      subjectType: 'user',
      subjectId: input.userId,
      details: { organisationId, organisation: organisation.name, role: input.role, user: target.name },
    });
  })();
}
