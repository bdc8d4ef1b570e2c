import { randomUUID } from 'node:crypto';
import type { EtablissementType } from '../../schemas/organisation';
import type { OrgRole } from '../../schemas/user';
import { type Db, now } from './db';

export type OrganisationKind = 'GHT' | 'etablissement' | 'ARS';

export interface OrganisationRecord {
  id: string;
  name: string;
  kind: OrganisationKind;
  parentId: string | null;
  isSupport: boolean;
  /** For an établissement: what kind (R6132-6 sequence, CHU parts); null for a GHT or an ARS. */
  type: EtablissementType | null;
}

interface OrganisationRow {
  id: string;
  name: string;
  kind: OrganisationKind;
  parent_id: string | null;
  is_support: number;
  type: EtablissementType | null;
}

const toRecord = (row: OrganisationRow): OrganisationRecord => ({
  id: row.id,
  name: row.name,
  kind: row.kind,
  parentId: row.parent_id,
  isSupport: row.is_support === 1,
  type: row.type,
});

export function organisationStore(db: Db) {
  const insert = db.prepare(
    'INSERT INTO organisations (id, name, kind, parent_id, is_support, type, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const all = db.prepare<[], OrganisationRow>('SELECT * FROM organisations ORDER BY name');
  const byId = db.prepare<[string], OrganisationRow>('SELECT * FROM organisations WHERE id = ?');
  const insertInstance = db.prepare('INSERT INTO instances (id, organisation_id, kind, name) VALUES (?, ?, ?, ?)');
  const insertRole = db.prepare(
    'INSERT OR IGNORE INTO org_roles (organisation_id, user_id, role, instance_id) VALUES (?, ?, ?, ?)',
  );
  const rolesOf = db.prepare<[string], { organisation_id: string; role: OrgRole; instance_id: string | null }>(
    'SELECT organisation_id, role, instance_id FROM org_roles WHERE user_id = ?',
  );
  return {
    /** An établissement is a public hospital (`EPS`) unless its `type` says otherwise. */
    create(input: { name: string; kind: OrganisationKind; parentId?: string; isSupport?: boolean; type?: EtablissementType }): string {
      const id = randomUUID();
      const type = input.kind === 'etablissement' ? input.type ?? 'EPS' : null;
      insert.run(id, input.name, input.kind, input.parentId ?? null, input.isSupport ? 1 : 0, type, now());
      return id;
    },
    get(id: string): OrganisationRecord | undefined {
      const row = byId.get(id);
      return row && toRecord(row);
    },
    list: (): OrganisationRecord[] => all.all().map(toRecord),
    createInstance(organisationId: string, kind: string, name: string): string {
      const id = randomUUID();
      insertInstance.run(id, organisationId, kind, name);
      return id;
    },
    grantRole(organisationId: string, userId: string, role: OrgRole, instanceId?: string): void {
      insertRole.run(organisationId, userId, role, instanceId ?? null);
    },
    rolesOf(userId: string): { organisationId: string; role: OrgRole; instanceId: string | null }[] {
      return rolesOf.all(userId).map((r) => ({ organisationId: r.organisation_id, role: r.role, instanceId: r.instance_id }));
    },
  };
}
