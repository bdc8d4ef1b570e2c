import type * as Y from 'yjs';
import type { OrganisationKind } from '../../schemas/api/organisations';
import type { InstanceKind } from '../../schemas/governance';
import type { EtablissementType } from '../../schemas/organisation';
import type { OrgRole } from '../../schemas/user';
import type { Deps } from '../deps';
import type { Store } from '../store';

/**
 * The writes the demo seed (server/seed/) needs that no command offers its actors, so that the
 * seed, like every other writer, writes through commands: the demo has no administrator to set
 * up its organisations (createOrganisation and grantOrganisationRole ask for one), its history
 * secretariat is an account without a password nor an invitation, and the draft's séances are
 * planned for the demo's secretary without her being named for every instance. Only seed/demo*.ts
 * calls them, on an empty database; like the store writes they wrap, they audit nothing. The layer
 * check refuses any other importer (`demo-seeding-for-the-seed-only`, .dependency-cruiser.cjs).
 */

export function createDemoOrganisation(
  deps: Pick<Deps, 'store'>,
  input: { name: string; kind: OrganisationKind; parentId?: string; isSupport?: boolean; type?: EtablissementType },
): string {
  return deps.store.organisations.create(input);
}

export function createDemoInstance(deps: Pick<Deps, 'store'>, organisationId: string, kind: InstanceKind, name: string): string {
  return deps.store.organisations.createInstance(organisationId, kind, name);
}

export function grantDemoRole(deps: Pick<Deps, 'store'>, organisationId: string, userId: string, role: OrgRole, instanceId?: string): void {
  deps.store.organisations.grantRole(organisationId, userId, role, instanceId);
}

/** Takes back every role an account holds, in every organisation (the history secretariat once its work is entered). */
export function endDemoRoles(deps: Pick<Deps, 'store'>, userId: string): void {
  for (const org of deps.store.organisations.list()) deps.store.organisations.revokeRoles(org.id, userId, null);
}

/** An account nobody signs in with (no password, no link): the author of the history entered. */
export function createDemoAccountWithoutPassword(deps: Pick<Deps, 'store'>, input: { email: string; name: string }): string {
  return deps.store.users.create({ ...input, passwordHash: '', isAdmin: false });
}

export function planDemoSeance(deps: Pick<Deps, 'store'>, seance: Parameters<Store['seances']['create']>[0]): string {
  return deps.store.seances.create(seance);
}

/** Writes a project's demo text as one server change of its live document. */
export function writeDemoText(deps: Pick<Deps, 'registry'>, projectId: string, write: (doc: Y.Doc) => void): void {
  deps.registry.get(projectId).change(write);
}
