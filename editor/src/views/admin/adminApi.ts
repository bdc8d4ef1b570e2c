import type { z } from 'zod';
import type {
  CreateOrganisationBody,
  OrganisationCreated,
  OrganisationPatchBody,
  OrganisationView,
  RegulatoryCreated,
  RegulatoryOfferItem,
  RoleHolderView,
} from '../../../../schemas/api/organisations';
import type { InstanceKind } from '../../../../schemas/governance';
import type { OrgRole } from '../../../../schemas/user';
import { request } from '../../api';

/** An organisation as the administration screens read it (GET /api/organisations; schemas/api/organisations.ts). */
export type AdminOrganisation = OrganisationView;
export type RegulatoryInstance = RegulatoryOfferItem;
export type OrganisationRole = RoleHolderView;
/** What the client sends: the input of the routes' own schemas. */
export type NewOrganisation = z.input<typeof CreateOrganisationBody>;
/** What PATCH /api/organisations/:id accepts (null clears). */
export type OrganisationPatch = z.input<typeof OrganisationPatchBody>;

const org = (id: string) => `/api/organisations/${encodeURIComponent(id)}`;

export const adminApi = {
  organisations: () => request<AdminOrganisation[]>('GET', '/api/organisations'),
  create: (input: NewOrganisation) => request<OrganisationCreated>('POST', '/api/organisations', input),
  update: (id: string, patch: OrganisationPatch) => request<void>('PATCH', org(id), patch),
  regulatory: (id: string) => request<RegulatoryInstance[]>('GET', `${org(id)}/instances/regulatory`),
  createRegulatory: (id: string, kinds: InstanceKind[]) => request<RegulatoryCreated>('POST', `${org(id)}/instances/regulatory`, { kinds }),
  roles: (id: string) => request<OrganisationRole[]>('GET', `${org(id)}/roles`),
  revokeRole: (id: string, userId: string, role: OrgRole) =>
    request<void>('DELETE', `${org(id)}/roles/${encodeURIComponent(userId)}?role=${encodeURIComponent(role)}`),
};

export const organisationKindLabel: Record<AdminOrganisation['kind'], string> = {
  GHT: 'Groupement hospitalier de territoire (GHT)',
  etablissement: 'Établissement',
  ARS: 'Agence régionale de santé (ARS)',
};

/** What R6132-6 asks of a member, by type. */
export const etablissementTypeLabel: Record<NonNullable<AdminOrganisation['type']>, string> = {
  EPS: 'Établissement public de santé',
  CHU: 'Centre hospitalier universitaire',
  ESMS: 'Établissement social ou médico-social public (EHPAD…)',
  HIA: 'Hôpital d’instruction des armées',
};

export const roleLabels: Record<string, string> = {
  member: 'membre',
  secretary: 'secrétariat des instances',
  ars_reader: 'lecteur ARS',
  template_manager: 'gestion des modèles',
  org_admin: 'administration de l’organisation',
};
