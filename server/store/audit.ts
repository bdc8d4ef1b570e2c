import { createHash } from 'node:crypto';
import { type Db, now } from './db';

export interface AuditEntry {
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string;
  /** What happened: `version.freeze`, `act.record`, `override.record`, `member.role`… */
  action: string;
  projectId: string | null;
  versionId: string | null;
  subjectType: string | null;
  subjectId: string | null;
  details: Record<string, unknown>;
  hash: string;
}

export type NewAuditEntry = Omit<AuditEntry, 'seq' | 'at' | 'hash' | 'projectId' | 'versionId' | 'subjectType' | 'subjectId'> & {
  projectId?: string | null;
  versionId?: string | null;
  subjectType?: string | null;
  subjectId?: string | null;
};

interface AuditRow {
  seq: number;
  at: string;
  actor_id: string | null;
  actor_name: string;
  action: string;
  project_id: string | null;
  version_id: string | null;
  subject_type: string | null;
  subject_id: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

const toEntry = (r: AuditRow): AuditEntry => ({
  seq: r.seq,
  at: r.at,
  actorId: r.actor_id,
  actorName: r.actor_name,
  action: r.action,
  projectId: r.project_id,
  versionId: r.version_id,
  subjectType: r.subject_type,
  subjectId: r.subject_id,
  details: JSON.parse(r.details) as Record<string, unknown>,
  hash: r.hash,
});

const genesis = '0'.repeat(64);

const chainHash = (prev: string, fields: unknown[]): string => createHash('sha256').update(prev).update(JSON.stringify(fields)).digest('hex');

/**
 * The audit trail: append and read, nothing else (the table's triggers refuse UPDATE and
 * DELETE). Each entry's hash chains to the previous one so tampering is detectable.
 */
export function auditStore(db: Db) {
  const last = db.prepare<[], { hash: string }>('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1');
  const insert = db.prepare(
    `INSERT INTO audit_log (at, actor_id, actor_name, action, project_id, version_id, subject_type, subject_id, details, prev_hash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const ofProject = db.prepare<[string], AuditRow>('SELECT * FROM audit_log WHERE project_id = ? ORDER BY seq');
  const all = db.prepare<[number], AuditRow>('SELECT * FROM audit_log ORDER BY seq DESC LIMIT ?');
  const chain = db.prepare<[], AuditRow>('SELECT * FROM audit_log ORDER BY seq');

  const fieldsOf = (at: string, e: NewAuditEntry, details: string): unknown[] => [
    at,
    e.actorId,
    e.actorName,
    e.action,
    e.projectId ?? null,
    e.versionId ?? null,
    e.subjectType ?? null,
    e.subjectId ?? null,
    details,
  ];

  const append = db.transaction((entry: NewAuditEntry): void => {
    const at = now();
    const details = JSON.stringify(entry.details);
    const prev = last.get()?.hash ?? genesis;
    const fields = fieldsOf(at, entry, details);
    insert.run(...(fields as (string | null)[]), prev, chainHash(prev, fields));
  });

  return {
    append: (entry: NewAuditEntry): void => append(entry),
    ofProject: (projectId: string): AuditEntry[] => ofProject.all(projectId).map(toEntry),
    latest: (limit: number): AuditEntry[] => all.all(limit).map(toEntry),
    /** Recomputes the chain; returns the seq of the first entry that does not match, or null. */
    verify(): number | null {
      let prev = genesis;
      for (const row of chain.iterate()) {
        const fields = [row.at, row.actor_id, row.actor_name, row.action, row.project_id, row.version_id, row.subject_type, row.subject_id, row.details];
        if (row.prev_hash !== prev || row.hash !== chainHash(prev, fields)) return row.seq;
        prev = row.hash;
      }
      return null;
    },
  };
}
