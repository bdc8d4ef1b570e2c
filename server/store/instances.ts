import type { InstanceKind } from '../../schemas/governance';
import type { Db } from './db';

/** An instance (committee) of an organisation: CME, Directoire, CMG… */
export interface InstanceRecord {
  id: string;
  organisationId: string;
  kind: InstanceKind;
  name: string;
}

interface InstanceRow {
  id: string;
  organisation_id: string;
  kind: InstanceKind;
  name: string;
}

const toRecord = (row: InstanceRow): InstanceRecord => ({
  id: row.id,
  organisationId: row.organisation_id,
  kind: row.kind,
  name: row.name,
});

/**
 * Reads instances and who keeps their calendar. Creating instances and granting roles stays in
 * `organisations.ts`; a secretary role with no instance covers every instance of its organisation.
 */
export function instanceStore(db: Db) {
  const byId = db.prepare<[string], InstanceRow>('SELECT * FROM instances WHERE id = ?');
  const all = db.prepare<[], InstanceRow>('SELECT * FROM instances ORDER BY name');
  const ofOrganisation = db.prepare<[string], InstanceRow>('SELECT * FROM instances WHERE organisation_id = ? ORDER BY name');
  const secretaries = db.prepare<[string, string], { user_id: string }>(
    `SELECT DISTINCT user_id FROM org_roles
     WHERE role = 'secretary' AND organisation_id = ? AND (instance_id = ? OR instance_id IS NULL)`,
  );
  const ofSecretary = db.prepare<[string], InstanceRow>(
    `SELECT DISTINCT i.* FROM instances i JOIN org_roles r ON r.organisation_id = i.organisation_id
     WHERE r.user_id = ? AND r.role = 'secretary' AND (r.instance_id = i.id OR r.instance_id IS NULL)
     ORDER BY i.name`,
  );
  const removeSecretary = db.prepare("DELETE FROM org_roles WHERE organisation_id = ? AND user_id = ? AND role = 'secretary' AND instance_id = ?");
  return {
    get(id: string): InstanceRecord | undefined {
      const row = byId.get(id);
      return row && toRecord(row);
    },
    list: (): InstanceRecord[] => all.all().map(toRecord),
    ofOrganisation: (organisationId: string): InstanceRecord[] => ofOrganisation.all(organisationId).map(toRecord),
    /** Users who record acts and plan séances for this instance. */
    secretaryIds(instance: InstanceRecord): string[] {
      return secretaries.all(instance.organisationId, instance.id).map((r) => r.user_id);
    },
    /** Instances whose calendar this user keeps. */
    ofSecretary: (userId: string): InstanceRecord[] => ofSecretary.all(userId).map(toRecord),
    removeSecretary(instance: InstanceRecord, userId: string): boolean {
      return removeSecretary.run(instance.organisationId, userId, instance.id).changes > 0;
    },
  };
}
