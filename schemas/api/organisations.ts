import { z } from 'zod';
import { InstanceKind, IsoDate } from '../governance';
import { limits } from '../limits';
import { EtablissementType, Finess } from '../organisation';
import { OrgRole } from '../user';
import { Id } from './ids';

/**
 * Organisations (GHT, établissements, ARS), their roles and regulatory instances (docs/API.md,
 * "People and organisations"): the bodies server/http/routes/governance/organisations.ts and
 * organisationAdmin.ts parse, and what they answer.
 */

export const OrganisationKind = z.enum(['GHT', 'etablissement', 'ARS']);
export type OrganisationKind = z.infer<typeof OrganisationKind>;

const Name = z.string().trim().min(1).max(limits.titleLength);
const InstanceKinds = z.array(InstanceKind).max(30);
export const CreateOrganisationBody = z
  .object({
    name: Name,
    kind: OrganisationKind,
    parentId: Id.optional(),
    finess: Finess.optional(),
    finessGeographique: Finess.optional(),
    type: EtablissementType.optional(),
    isSupport: z.boolean().optional(),
    arsId: Id.optional(),
    associatedChuId: Id.optional(),
    memberSince: IsoDate.optional(),
    /** Regulatory instances to create with it (kinds offered for its type, see regulatoryInstances). */
    instances: InstanceKinds.optional(),
  })
  .strict();
/** What PATCH /api/organisations/:id accepts (null clears). */
export const OrganisationPatchBody = z
  .object({
    name: Name.optional(),
    finess: Finess.nullable().optional(),
    finessGeographique: Finess.nullable().optional(),
    type: EtablissementType.optional(),
    isSupport: z.boolean().optional(),
    parentId: Id.nullable().optional(),
    arsId: Id.optional(),
    associatedChuId: Id.nullable().optional(),
    memberSince: IsoDate.nullable().optional(),
    memberUntil: IsoDate.nullable().optional(),
    archived: z.boolean().optional(),
  })
  .strict();
export const GrantRoleBody = z.object({ userId: Id, role: OrgRole });
export const RevokeRoleQuery = z.object({ role: OrgRole.optional() });
export const RegulatoryBody = z.object({ kinds: InstanceKinds.min(1) });
/** PUT /api/organisations/:id/ars: the ARS an organisation reports to. */
export const OrganisationArsBody = z.object({ arsOrganisationId: Id });

export type OrganisationInput = z.infer<typeof CreateOrganisationBody>;
export type OrganisationPatch = z.infer<typeof OrganisationPatchBody>;

/** An organisation as GET /api/organisations lists it (never a database row). */
export interface OrganisationView {
  id: string;
  name: string;
  kind: OrganisationKind;
  /** For an établissement: the GHT it is a member of (membership dates below). */
  parentId: string | null;
  isSupport: boolean;
  /** For an établissement: what kind (R6132-6 sequence, CHU parts); null for a GHT or an ARS. */
  type: EtablissementType | null;
  finess: string | null;
  finessGeographique: string | null;
  arsId: string | null;
  /** For a GHT: the CHU it is associated with (L6132-3). */
  associatedChuId: string | null;
  memberSince: string | null;
  memberUntil: string | null;
  archived: boolean;
}

/** An instance created with an organisation or from the regulatory offer. */
export interface CreatedInstance {
  id: string;
  kind: InstanceKind;
  name: string;
}

/** 201 of POST /api/organisations. */
export interface OrganisationCreated {
  id: string;
  instances: CreatedInstance[];
}

/** 201 of POST /api/organisations/:id/instances/regulatory. */
export interface RegulatoryCreated {
  created: CreatedInstance[];
}

/** What the law offers an organisation (GET /api/organisations/:id/instances/regulatory), ticked or not. */
export interface RegulatoryOfferItem {
  kind: InstanceKind;
  /** Full French name, completed with the organisation's ("Commission médicale d’établissement — CH de X"). */
  title: string;
  basis: string;
  /** Ticked by default: the law requires it (or, for the direction, the adoption paths record acts there). */
  ticked: boolean;
  /** The instance it already has, if any. */
  instanceId: string | null;
}

/** Who holds which role in an organisation (GET /api/organisations/:id/roles). */
export interface RoleHolderView {
  userId: string;
  name: string;
  function: string;
  role: OrgRole;
  instanceId: string | null;
  active: boolean;
  /** Invited and not yet in: for those who administer the organisation only. */
  pending?: boolean;
}
