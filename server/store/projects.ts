import { randomUUID } from 'node:crypto';
import type { DocumentKind, ProjectRole } from '../../schemas/project';
import { type Db, now } from './db';

export interface ProjectRecord {
  id: string;
  kind: DocumentKind;
  title: string;
  organisationId: string | null;
  status: string;
  templateVersion: number;
  createdBy: string;
  updatedAt: string;
  period: { startYear: number; endYear: number } | null;
  templateCustomisationVersion: number | null;
}

interface ProjectRow {
  id: string;
  kind: DocumentKind;
  title: string;
  organisation_id: string | null;
  status: string;
  template_version: number;
  created_by: string;
  updated_at: string;
  period_start: number | null;
  period_end: number | null;
  template_customisation_version: number | null;
}

const toRecord = (row: ProjectRow): ProjectRecord => ({
  id: row.id,
  kind: row.kind,
  title: row.title,
  organisationId: row.organisation_id,
  status: row.status,
  templateVersion: row.template_version,
  createdBy: row.created_by,
  updatedAt: row.updated_at,
  period: row.period_start !== null && row.period_end !== null ? { startYear: row.period_start, endYear: row.period_end } : null,
  templateCustomisationVersion: row.template_customisation_version,
});

export function projectStore(db: Db) {
  const insert = db.prepare(
    `INSERT INTO projects (id, kind, title, organisation_id, template_version, template_customisation_version,
       period_start, period_end, created_by, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const byId = db.prepare<[string], ProjectRow>('SELECT * FROM projects WHERE id = ?');
  const all = db.prepare<[], ProjectRow>('SELECT * FROM projects ORDER BY updated_at DESC');
  const ofMember = db.prepare<[string], ProjectRow & { role: ProjectRole }>(
    `SELECT p.*, m.role FROM projects p JOIN project_members m ON m.project_id = p.id
     WHERE m.user_id = ? ORDER BY p.updated_at DESC`,
  );
  const roleOf = db.prepare<[string, string], { role: ProjectRole }>('SELECT role FROM project_members WHERE project_id = ? AND user_id = ?');
  const upsertMember = db.prepare(
    `INSERT INTO project_members (project_id, user_id, role) VALUES (?, ?, ?)
     ON CONFLICT (project_id, user_id) DO UPDATE SET role = excluded.role`,
  );
  const touch = db.prepare('UPDATE projects SET updated_at = ? WHERE id = ?');
  const deleteMember = db.prepare('DELETE FROM project_members WHERE project_id = ? AND user_id = ?');
  const members = db.prepare<[string], { user_id: string; role: ProjectRole }>('SELECT user_id, role FROM project_members WHERE project_id = ?');
  return {
    create(input: {
      kind: DocumentKind;
      title: string;
      organisationId: string | null;
      templateVersion: number;
      templateCustomisationVersion?: number | null;
      period: { startYear: number; endYear: number };
      createdBy: string;
    }): string {
      const id = randomUUID();
      const at = now();
      insert.run(
        id,
        input.kind,
        input.title,
        input.organisationId,
        input.templateVersion,
        input.templateCustomisationVersion ?? null,
        input.period.startYear,
        input.period.endYear,
        input.createdBy,
        at,
        at,
      );
      return id;
    },
    get(id: string): ProjectRecord | undefined {
      const row = byId.get(id);
      return row && toRecord(row);
    },
    list: (): ProjectRecord[] => all.all().map(toRecord),
    listForMember(userId: string): (ProjectRecord & { role: ProjectRole })[] {
      return ofMember.all(userId).map((row) => ({ ...toRecord(row), role: row.role }));
    },
    roleOf(projectId: string, userId: string): ProjectRole | undefined {
      return roleOf.get(projectId, userId)?.role;
    },
    setMember(projectId: string, userId: string, role: ProjectRole): void {
      upsertMember.run(projectId, userId, role);
    },
    removeMember(projectId: string, userId: string): void {
      deleteMember.run(projectId, userId);
    },
    touch(projectId: string): void {
      touch.run(now(), projectId);
    },
    members(projectId: string): { userId: string; role: ProjectRole }[] {
      return members.all(projectId).map((m) => ({ userId: m.user_id, role: m.role }));
    },
  };
}
