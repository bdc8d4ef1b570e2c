import type { OrganisationView, RoleHolderView } from '../../../schemas/api/organisations';
import type { OrgRole } from '../../../schemas/user';
import type { OrganisationRecord } from '../../store/organisations';
import type { UserRecord } from '../../store/users';

/** An organisation as the API lists it (never a database row): `arsId` is the ARS it reports to. */
export const presentOrganisation = (o: OrganisationRecord, arsId: string | null = null): OrganisationView => ({
  id: o.id,
  name: o.name,
  kind: o.kind,
  parentId: o.parentId,
  isSupport: o.isSupport,
  type: o.type,
  finess: o.finessJuridique,
  finessGeographique: o.finessGeographique,
  arsId,
  associatedChuId: o.associatedChuId,
  memberSince: o.memberSince,
  memberUntil: o.memberUntil,
  archived: o.archivedAt !== null,
});

/** Who holds a role; `pending` (invitation not answered) only for those who administer the organisation. */
export const presentRoleHolder = (
  holder: { userId: string; role: OrgRole; instanceId: string | null },
  person: UserRecord | undefined,
  pending: boolean | undefined,
): RoleHolderView => ({
  userId: holder.userId,
  name: person?.name ?? '',
  function: person?.function ?? '',
  role: holder.role,
  instanceId: holder.instanceId,
  active: person?.deactivatedAt === null,
  ...(pending === undefined ? {} : { pending }),
});
