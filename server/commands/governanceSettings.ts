import type { DocumentKind } from '../../schemas/project';
import type { GovernanceOverrides } from '../governance/config';
import { DomainError } from '../errors';
import type { UserRecord } from '../store/users';
import type { Deps } from '../deps';
import { findReadableProject } from './projects';

/** Replaces an organisation's rule settings for one document kind, or for all ('*'). */
export function setGovernanceSettings(
  deps: Deps,
  user: UserRecord,
  organisationId: string,
  documentKind: DocumentKind | '*',
  overrides: GovernanceOverrides,
): void {
  if (!deps.store.organisations.get(organisationId)) throw new DomainError('not_found', 'organisation_not_found', 'Organisation introuvable.');
  if (!deps.policy.can(user, { action: 'governance.configure', organisationId })) {
    throw new DomainError('forbidden', 'forbidden', 'Seul un administrateur modifie les règles de gouvernance.');
  }
  deps.store.transaction(() => {
    deps.store.governanceSettings.set(organisationId, documentKind, overrides, user.id);
    deps.store.audit.append({
      actorId: user.id,
      actorName: user.name,
      action: 'governance.settings',
      subjectType: 'organisation',
      subjectId: organisationId,
      details: { documentKind, overrides },
    });
  });
}

/** The date the project should reach the ARS by (drives "at risk" on the timeline). */
export function setTransmissionDue(deps: Deps, user: UserRecord, projectId: string, due: string | null): void {
  findReadableProject(deps, user, projectId);
  if (!deps.policy.can(user, { action: 'project.manage', projectId })) {
    throw new DomainError('forbidden', 'forbidden', 'Seul un coordonnateur du projet fixe l’échéance de transmission.');
  }
  deps.store.transaction(() => {
    deps.store.governanceSettings.setTransmissionDue(projectId, due, user.id);
    deps.store.audit.append({ actorId: user.id, actorName: user.name, action: 'project.transmission_due', projectId, details: { due } });
  });
}
