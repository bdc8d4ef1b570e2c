import { randomUUID } from 'node:crypto';
import type { EtablissementType } from '../../schemas/organisation';
import type { OrgRole } from '../../schemas/user';
import { type Db, now } from './db';

export type { OrganisationKind } from '../../schemas/api/organisations';
import type { OrganisationKind, OrganisationView } from '../../schemas/api/organisations';

/**
 * A stored organisation: the API's view of it (schemas/api/organisations.ts, where its fields are
 * described) under the store's names where they differ.
 */
export interface OrganisationRecord
  extends Pick<
    OrganisationView,
    'id' | 'name' | 'kind' | 'parentId' | 'isSupport' | 'type' | 'finessGeographique' | 'associatedChuId' | 'memberSince' | 'memberUntil'
  > {
  finessJuridique: string | null;
  /** Archived organisations stay (their acts are records) but are no longer offered. */
  archivedAt: string | null;
}

interface OrganisationRow {
  id: string;
  name: string;
  kind: OrganisationKind;
  parent_id: string | null;
  is_support: number;
  type: EtablissementType | null;
  finess_juridique: string | null;
  finess_geographique: string | null;
  associated_chu_id: string | null;
  member_since: string | null;
  member_until: string | null;
  archived_at: string | null;
}

const toRecord = (row: OrganisationRow): OrganisationRecord => ({
  id: row.id,
  name: row.name,
  kind: row.kind,
  parentId: row.parent_id,
  isSupport: row.is_support === 1,
  type: row.type,
  finessJuridique: row.finess_juridique,
  finessGeographique: row.finess_geographique,
  associatedChuId: row.associated_chu_id,
  memberSince: row.member_since,
  memberUntil: row.member_until,
  archivedAt: row.archived_at,
});

/** What an administrator may change on an organisation (never its kind). */
export type OrganisationChanges = Partial<
  Pick<
    OrganisationRecord,
    'name' | 'parentId' | 'isSupport' | 'type' | 'finessJuridique' | 'finessGeographique' | 'associatedChuId' | 'memberSince' | 'memberUntil' | 'archivedAt'
  >
>;

const columns: Record<keyof OrganisationChanges, string> = {
  name: 'name',
  parentId: 'parent_id',
  isSupport: 'is_support',
  type: 'type',
  finessJuridique: 'finess_juridique',
  finessGeographique: 'finess_geographique',
  associatedChuId: 'associated_chu_id',
  memberSince: 'member_since',
  memberUntil: 'member_until',
  archivedAt: 'archived_at',
};

export interface OrganisationRole {
  organisationId: string;
  role: OrgRole;
  instanceId: string | null;
}

export function organisationStore(db: Db) {
  const insert = db.prepare(
    `INSERT INTO organisations (id, name, kind, parent_id, is_support, type, finess_juridique, finess_geographique, member_since, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const all = db.prepare<[], OrganisationRow>('SELECT * FROM organisations ORDER BY name');
  const byId = db.prepare<[string], OrganisationRow>('SELECT * FROM organisations WHERE id = ?');
  const insertInstance = db.prepare('INSERT INTO instances (id, organisation_id, kind, name) VALUES (?, ?, ?, ?)');
  const insertRole = db.prepare('INSERT OR IGNORE INTO org_roles (organisation_id, user_id, role, instance_id) VALUES (?, ?, ?, ?)');
  const rolesOf = db.prepare<[string], { organisation_id: string; role: OrgRole; instance_id: string | null }>(
    'SELECT organisation_id, role, instance_id FROM org_roles WHERE user_id = ?',
  );
  const holders = db.prepare<[string], { user_id: string; role: OrgRole; instance_id: string | null }>(
    'SELECT user_id, role, instance_id FROM org_roles WHERE organisation_id = ? ORDER BY role',
  );
  const removeRoles = db.prepare<[string, string, string | null, string | null]>(
    'DELETE FROM org_roles WHERE organisation_id = ? AND user_id = ? AND (? IS NULL OR role = ?)',
  );
  return {
    /** An établissement is a public hospital (`EPS`) unless its `type` says otherwise. */
    create(input: {
      name: string;
      kind: OrganisationKind;
      parentId?: string;
      isSupport?: boolean;
      type?: EtablissementType;
      finessJuridique?: string;
      finessGeographique?: string;
      memberSince?: string;
    }): string {
      const id = randomUUID();
      const type = input.kind === 'etablissement' ? (input.type ?? 'EPS') : null;
      insert.run(
        id,
        input.name,
        input.kind,
        input.parentId ?? null,
        input.isSupport ? 1 : 0,
        type,
        input.finessJuridique ?? null,
        input.finessGeographique ?? null,
        input.memberSince ?? null,
        now(),
      );
      return id;
    },
    get(id: string): OrganisationRecord | undefined {
      const row = byId.get(id);
      return row && toRecord(row);
    },
    list: (): OrganisationRecord[] => all.all().map(toRecord),
    update(id: string, changes: OrganisationChanges): void {
      const keys = (Object.keys(changes) as (keyof OrganisationChanges)[]).filter((k) => changes[k] !== undefined);
      if (keys.length === 0) return;
      const values = keys.map((k) => {
        const value = changes[k];
        return typeof value === 'boolean' ? (value ? 1 : 0) : (value ?? null);
      });
      db.prepare(`UPDATE organisations SET ${keys.map((k) => `${columns[k]} = ?`).join(', ')} WHERE id = ?`).run(...values, id);
    },
    createInstance(organisationId: string, kind: string, name: string): string {
      const id = randomUUID();
      insertInstance.run(id, organisationId, kind, name);
      return id;
    },
    grantRole(organisationId: string, userId: string, role: OrgRole, instanceId?: string): void {
      insertRole.run(organisationId, userId, role, instanceId ?? null);
    },
    /** Removes the user's roles in the organisation (one role, or all of them, instance secretaries included); how many. */
    revokeRoles(organisationId: string, userId: string, role: OrgRole | null): number {
      return removeRoles.run(organisationId, userId, role, role).changes;
    },
    rolesOf(userId: string): OrganisationRole[] {
      return rolesOf.all(userId).map((r) => ({ organisationId: r.organisation_id, role: r.role, instanceId: r.instance_id }));
    },
    /** Who holds which role in the organisation. */
    holders(organisationId: string): { userId: string; role: OrgRole; instanceId: string | null }[] {
      return holders.all(organisationId).map((r) => ({ userId: r.user_id, role: r.role, instanceId: r.instance_id }));
    },
  };
}
