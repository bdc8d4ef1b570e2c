import { randomUUID } from 'node:crypto';
import { type Db, now } from './db';

/** A frozen version without its (large) state and content. */
export interface VersionSummary {
  id: string;
  projectId: string;
  /** 1, 2, 3… per project, across lines. */
  number: number;
  /** 1 = the original text; 2 = avenant n°1… */
  line: number;
  label: string;
  hash: string;
  createdBy: string;
  createdAt: string;
}

export interface VersionLine {
  line: number;
  basedOnVersionId: string;
  label: string;
  createdBy: string;
  createdAt: string;
}

interface VersionRow {
  id: string;
  project_id: string;
  number: number;
  line: number;
  label: string;
  hash: string;
  created_by: string;
  created_at: string;
}

const toSummary = (row: VersionRow): VersionSummary => ({
  id: row.id,
  projectId: row.project_id,
  number: row.number,
  line: row.line,
  label: row.label,
  hash: row.hash,
  createdBy: row.created_by,
  createdAt: row.created_at,
});

const summaryColumns = 'id, project_id, number, line, label, hash, created_by, created_at';

export function versionStore(db: Db) {
  const nextNumber = db.prepare<[string], { n: number }>('SELECT coalesce(max(number), 0) + 1 AS n FROM versions WHERE project_id = ?');
  const insert = db.prepare(
    `INSERT INTO versions (id, project_id, number, line, label, hash, state, content, created_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const byId = db.prepare<[string, string], VersionRow>(`SELECT ${summaryColumns} FROM versions WHERE project_id = ? AND id = ?`);
  const stateOf = db.prepare<[string, string], { state: Buffer }>('SELECT state FROM versions WHERE project_id = ? AND id = ?');
  const contentOf = db.prepare<[string, string], { content: string }>('SELECT content FROM versions WHERE project_id = ? AND id = ?');
  const ofProject = db.prepare<[string], VersionRow>(`SELECT ${summaryColumns} FROM versions WHERE project_id = ? ORDER BY number`);
  const lines = db.prepare<[string], { line: number; based_on_version_id: string; label: string; created_by: string; created_at: string }>(
    'SELECT line, based_on_version_id, label, created_by, created_at FROM version_lines WHERE project_id = ? ORDER BY line',
  );
  const insertLine = db.prepare('INSERT INTO version_lines (project_id, line, based_on_version_id, label, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)');

  const create = db.transaction(
    (input: { projectId: string; line: number; label: string; hash: string; state: Uint8Array; content: string; createdBy: string }) => {
      const id = randomUUID();
      const number = nextNumber.get(input.projectId)!.n;
      insert.run(id, input.projectId, number, input.line, input.label, input.hash, Buffer.from(input.state), input.content, input.createdBy, now());
      return { id, number };
    },
  );

  const listLines = (projectId: string): VersionLine[] =>
    lines.all(projectId).map((r) => ({
      line: r.line,
      basedOnVersionId: r.based_on_version_id,
      label: r.label,
      createdBy: r.created_by,
      createdAt: r.created_at,
    }));

  return {
    create: (input: Parameters<typeof create>[0]): { id: string; number: number } => create(input),
    get(projectId: string, versionId: string): VersionSummary | undefined {
      const row = byId.get(projectId, versionId);
      return row && toSummary(row);
    },
    state(projectId: string, versionId: string): Uint8Array | undefined {
      const row = stateOf.get(projectId, versionId);
      return row && new Uint8Array(row.state);
    },
    /** The canonical content rendering the hash was computed from (JSON text). */
    content(projectId: string, versionId: string): string | undefined {
      return contentOf.get(projectId, versionId)?.content;
    },
    list: (projectId: string): VersionSummary[] => ofProject.all(projectId).map(toSummary),
    lines: listLines,
    /** The line new versions go to: the last avenant opened, or 1. */
    currentLine(projectId: string): number {
      const all = listLines(projectId);
      return all.length === 0 ? 1 : all[all.length - 1]!.line;
    },
    openLine(input: { projectId: string; line: number; basedOnVersionId: string; label: string; createdBy: string }): void {
      insertLine.run(input.projectId, input.line, input.basedOnVersionId, input.label, input.createdBy, now());
    },
  };
}
