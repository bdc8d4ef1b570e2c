import { randomUUID } from 'node:crypto';
import type { ActKind, ActOutcome, Votes } from '../../schemas/governance';
import { type Db, now } from './db';

/** An act recorded at a séance on a frozen version. Immutable once written. */
export interface ActRecord {
  id: string;
  seanceId: string;
  projectId: string;
  versionId: string;
  kind: ActKind;
  outcome: ActOutcome | null;
  votes: Votes | null;
  reserves: string;
  notes: string;
  /** Extract of the PV as ProseMirror JSON (rich text), if typed in. */
  pvExtract: unknown | null;
  /** Extract of the PV as a document attached to the séance (PDF), if uploaded. */
  pvDocumentId: string | null;
  overrideId: string | null;
  recordedBy: string;
  recordedAt: string;
}

/** A coordinator's decision to let an act through despite named rules. */
export interface OverrideRecord {
  id: string;
  projectId: string;
  versionId: string;
  seanceId: string | null;
  actKind: ActKind;
  rules: string[];
  justification: string;
  createdBy: string;
  createdAt: string;
}

interface ActRow {
  id: string;
  seance_id: string;
  project_id: string;
  version_id: string;
  kind: ActKind;
  outcome: ActOutcome | null;
  votes_pour: number | null;
  votes_contre: number | null;
  votes_abstention: number | null;
  reserves: string;
  notes: string;
  pv_extract: string | null;
  pv_document_id: string | null;
  override_id: string | null;
  recorded_by: string;
  recorded_at: string;
}

const toAct = (r: ActRow): ActRecord => ({
  id: r.id,
  seanceId: r.seance_id,
  projectId: r.project_id,
  versionId: r.version_id,
  kind: r.kind,
  outcome: r.outcome,
  votes: r.votes_pour === null ? null : { pour: r.votes_pour, contre: r.votes_contre ?? 0, abstention: r.votes_abstention ?? 0 },
  reserves: r.reserves,
  notes: r.notes,
  pvExtract: r.pv_extract === null ? null : (JSON.parse(r.pv_extract) as unknown),
  pvDocumentId: r.pv_document_id,
  overrideId: r.override_id,
  recordedBy: r.recorded_by,
  recordedAt: r.recorded_at,
});

interface OverrideRow {
  id: string;
  project_id: string;
  version_id: string;
  seance_id: string | null;
  act_kind: ActKind;
  rules: string;
  justification: string;
  created_by: string;
  created_at: string;
}

const toOverride = (r: OverrideRow): OverrideRecord => ({
  id: r.id,
  projectId: r.project_id,
  versionId: r.version_id,
  seanceId: r.seance_id,
  actKind: r.act_kind,
  rules: JSON.parse(r.rules) as string[],
  justification: r.justification,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

export type NewAct = Omit<ActRecord, 'id' | 'recordedAt'>;

export function actStore(db: Db) {
  const insert = db.prepare(
    `INSERT INTO acts (id, seance_id, project_id, version_id, kind, outcome, votes_pour, votes_contre, votes_abstention,
       reserves, notes, pv_extract, pv_document_id, override_id, recorded_by, recorded_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const byId = db.prepare<[string], ActRow>('SELECT * FROM acts WHERE id = ?');
  const ofProject = db.prepare<[string], ActRow>('SELECT * FROM acts WHERE project_id = ? ORDER BY recorded_at, id');
  const ofSeance = db.prepare<[string], ActRow>('SELECT * FROM acts WHERE seance_id = ? ORDER BY recorded_at, id');
  const all = db.prepare<[], ActRow>('SELECT * FROM acts ORDER BY recorded_at, id');
  const insertOverride = db.prepare(
    `INSERT INTO rule_overrides (id, project_id, version_id, seance_id, act_kind, rules, justification, created_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const overridesOf = db.prepare<[string, string], OverrideRow>(
    'SELECT * FROM rule_overrides WHERE project_id = ? AND version_id = ? ORDER BY created_at, id',
  );
  const unusedOverrides = db.prepare<[string, string, string], OverrideRow>(
    `SELECT o.* FROM rule_overrides o
     WHERE o.project_id = ? AND o.version_id = ? AND o.act_kind = ?
       AND NOT EXISTS (SELECT 1 FROM acts a WHERE a.override_id = o.id)
     ORDER BY o.created_at, o.id`,
  );
  return {
    create(act: NewAct): ActRecord {
      const id = randomUUID();
      const recordedAt = now();
      insert.run(
        id, act.seanceId, act.projectId, act.versionId, act.kind, act.outcome,
        act.votes?.pour ?? null, act.votes?.contre ?? null, act.votes?.abstention ?? null,
        act.reserves, act.notes, act.pvExtract === null ? null : JSON.stringify(act.pvExtract),
        act.pvDocumentId, act.overrideId, act.recordedBy, recordedAt,
      );
      return { ...act, id, recordedAt };
    },
    get(id: string): ActRecord | undefined {
      const row = byId.get(id);
      return row && toAct(row);
    },
    ofProject: (projectId: string): ActRecord[] => ofProject.all(projectId).map(toAct),
    ofSeance: (seanceId: string): ActRecord[] => ofSeance.all(seanceId).map(toAct),
    all: (): ActRecord[] => all.all().map(toAct),
    createOverride(input: Omit<OverrideRecord, 'id' | 'createdAt'>): OverrideRecord {
      const id = randomUUID();
      const createdAt = now();
      insertOverride.run(id, input.projectId, input.versionId, input.seanceId, input.actKind, JSON.stringify(input.rules), input.justification, input.createdBy, createdAt);
      return { ...input, id, createdAt };
    },
    overridesOf: (projectId: string, versionId: string): OverrideRecord[] => overridesOf.all(projectId, versionId).map(toOverride),
    /** Overrides not yet used by an act, for this project, version and act kind (oldest first). */
    unusedOverrides: (projectId: string, versionId: string, actKind: ActKind): OverrideRecord[] =>
      unusedOverrides.all(projectId, versionId, actKind).map(toOverride),
  };
}
