import type { ChapterTemplate, DocumentKind } from '../../schemas/project';
import { type Db, now } from './db';

export interface CustomisationRecord {
  organisationId: string;
  kind: DocumentKind;
  version: number;
  baseVersion: number;
  chapters: ChapterTemplate[];
  updatedAt: string;
}

interface Row {
  organisation_id: string;
  kind: DocumentKind;
  version: number;
  base_version: number;
  chapters: string;
  updated_at: string;
}

const toRecord = (row: Row): CustomisationRecord => ({
  organisationId: row.organisation_id,
  kind: row.kind,
  version: row.version,
  baseVersion: row.base_version,
  chapters: JSON.parse(row.chapters) as ChapterTemplate[],
  updatedAt: row.updated_at,
});

/** Every saved customisation is kept: a project names the version it was built from. */
export function templateStore(db: Db) {
  const latest = db.prepare<[string, string], Row>(
    'SELECT * FROM template_customisations WHERE organisation_id = ? AND kind = ? ORDER BY version DESC LIMIT 1',
  );
  const byVersion = db.prepare<[string, string, number], Row>('SELECT * FROM template_customisations WHERE organisation_id = ? AND kind = ? AND version = ?');
  const insert = db.prepare(
    `INSERT INTO template_customisations (organisation_id, kind, version, base_version, chapters, updated_by, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  return {
    latest(organisationId: string, kind: DocumentKind): CustomisationRecord | undefined {
      const row = latest.get(organisationId, kind);
      return row && toRecord(row);
    },
    /** The customisation a project was built from. */
    version(organisationId: string, kind: DocumentKind, version: number): CustomisationRecord | undefined {
      const row = byVersion.get(organisationId, kind, version);
      return row && toRecord(row);
    },
    save(input: { organisationId: string; kind: DocumentKind; baseVersion: number; chapters: ChapterTemplate[]; userId: string }): number {
      const version = (latest.get(input.organisationId, input.kind)?.version ?? 0) + 1;
      insert.run(input.organisationId, input.kind, version, input.baseVersion, JSON.stringify(input.chapters), input.userId, now());
      return version;
    },
  };
}
