import { type Db, now } from './db';

/** '*' holds an organisation's settings for every document kind. */
export type SettingsScope = string;

/**
 * Stored overrides of the default governance rules, per organisation and document kind, and
 * per-project governance data (the transmission target date). Values are validated JSON.
 */
export function governanceSettingsStore(db: Db) {
  const get = db.prepare<[string, string], { config: string }>('SELECT config FROM governance_settings WHERE organisation_id = ? AND document_kind = ?');
  const upsert = db.prepare(
    `INSERT INTO governance_settings (organisation_id, document_kind, config, updated_by, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (organisation_id, document_kind) DO UPDATE SET config = excluded.config,
       updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
  );
  const projectGet = db.prepare<[string], { transmission_due: string | null }>('SELECT transmission_due FROM project_governance WHERE project_id = ?');
  const projectUpsert = db.prepare(
    `INSERT INTO project_governance (project_id, transmission_due, updated_by, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (project_id) DO UPDATE SET transmission_due = excluded.transmission_due,
       updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
  );
  return {
    get(organisationId: string, scope: SettingsScope): unknown | undefined {
      const row = get.get(organisationId, scope);
      return row && (JSON.parse(row.config) as unknown);
    },
    set(organisationId: string, scope: SettingsScope, config: unknown, userId: string): void {
      upsert.run(organisationId, scope, JSON.stringify(config), userId, now());
    },
    transmissionDue: (projectId: string): string | null => projectGet.get(projectId)?.transmission_due ?? null,
    setTransmissionDue(projectId: string, due: string | null, userId: string): void {
      projectUpsert.run(projectId, due, userId, now());
    },
  };
}
