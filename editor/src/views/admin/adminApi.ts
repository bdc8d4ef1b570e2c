import { request } from '../../api';

/** An organisation as the administration screens read it (GET /api/organisations). */
export interface AdminOrganisation {
  id: string;
  name: string;
  kind: 'GHT' | 'etablissement' | 'ARS';
  parentId: string | null;
  isSupport: boolean;
  type: 'EPS' | 'CHU' | 'ESMS' | 'HIA' | null;
  finess: string | null;
  finessGeographique: string | null;
  arsId: string | null;
  associatedChuId: string | null;
  memberSince: string | null;
  memberUntil: string | null;
  archived: boolean;
}

export interface RegulatoryInstance {
  kind: string;
  title: string;
  basis: string;
  ticked: boolean;
  instanceId: string | null;
}

export interface OrganisationRole {
  userId: string;
  name: string;
  function: string | null;
  role: string;
  instanceId: string | null;
  active: boolean;
}

export interface NewOrganisation {
  name: string;
  kind: AdminOrganisation['kind'];
  parentId?: string;
  finess?: string;
  type?: string;
  isSupport?: boolean;
  arsId?: string;
}

/** What PATCH /api/organisations/:id accepts (null clears). */
export type OrganisationPatch = Partial<
  Pick<AdminOrganisation, 'name' | 'finess' | 'finessGeographique' | 'type' | 'isSupport' | 'parentId' | 'arsId' | 'associatedChuId' | 'memberSince' | 'memberUntil' | 'archived'>
>;

const org = (id: string) => `/api/organisations/${encodeURIComponent(id)}`;

export const adminApi = {
  organisations: () => request<AdminOrganisation[]>('GET', '/api/organisations'),
  create: (input: NewOrganisation) => request<{ id: string }>('POST', '/api/organisations', input),
  update: (id: string, patch: OrganisationPatch) => request<void>('PATCH', org(id), patch),
  regulatory: (id: string) => request<RegulatoryInstance[]>('GET', `${org(id)}/instances/regulatory`),
  createRegulatory: (id: string, kinds: string[]) => request<{ created: { id: string; kind: string; name: string }[] }>('POST', `${org(id)}/instances/regulatory`, { kinds }),
  roles: (id: string) => request<OrganisationRole[]>('GET', `${org(id)}/roles`),
  revokeRole: (id: string, userId: string, role: string) =>
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
