import { randomUUID } from 'node:crypto';
import type { ActKind, ActOutcome, Votes } from '../../schemas/governance';
import { type Db, now } from './db';

/** Why, by whom and when an act was annulled (it then no longer counts, but stays on record). */
export interface ActAnnulment {
  justification: string;
  by: string;
  at: string;
}

/** An act recorded at a séance on a frozen version. Immutable once written; it may be annulled once. */
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
  /** Entered after the fact (see governance/aPosteriori.ts); who and when are recordedBy/recordedAt. */
  aPosteriori: boolean;
  annulment: ActAnnulment | null;
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
  a_posteriori: number;
  annul_justification: string | null;
  annulled_by: string | null;
  annulled_at: string | null;
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
  aPosteriori: r.a_posteriori === 1,
  annulment: r.annulled_at === null ? null : { justification: r.annul_justification ?? '', by: r.annulled_by ?? '', at: r.annulled_at },
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

export type NewAct = Omit<ActRecord, 'id' | 'recordedAt' | 'annulment'>;

const selectActs = `SELECT a.*, n.justification AS annul_justification, n.annulled_by, n.annulled_at
  FROM acts a LEFT JOIN act_annulments n ON n.act_id = a.id`;

export function actStore(db: Db) {
  const insert = db.prepare(
    `INSERT INTO acts (id, seance_id, project_id, version_id, kind, outcome, votes_pour, votes_contre, votes_abstention,
       reserves, notes, pv_extract, pv_document_id, override_id, recorded_by, recorded_at, a_posteriori)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const byId = db.prepare<[string], ActRow>(`${selectActs} WHERE a.id = ?`);
  const ofProject = db.prepare<[string], ActRow>(`${selectActs} WHERE a.project_id = ? ORDER BY a.recorded_at, a.id`);
  const ofSeance = db.prepare<[string], ActRow>(`${selectActs} WHERE a.seance_id = ? ORDER BY a.recorded_at, a.id`);
  const all = db.prepare<[], ActRow>(`${selectActs} ORDER BY a.recorded_at, a.id`);
  const insertAnnulment = db.prepare('INSERT INTO act_annulments (act_id, justification, annulled_by, annulled_at) VALUES (?, ?, ?, ?)');
  const live = (acts: ActRecord[]): ActRecord[] => acts.filter((a) => a.annulment === null);
  const insertOverride = db.prepare(
    `INSERT INTO rule_overrides (id, project_id, version_id, seance_id, act_kind, rules, justification, created_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const overridesOf = db.prepare<[string, string], OverrideRow>('SELECT * FROM rule_overrides WHERE project_id = ? AND version_id = ? ORDER BY created_at, id');
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
        id,
        act.seanceId,
        act.projectId,
        act.versionId,
        act.kind,
        act.outcome,
        act.votes?.pour ?? null,
        act.votes?.contre ?? null,
        act.votes?.abstention ?? null,
        act.reserves,
        act.notes,
        act.pvExtract === null ? null : JSON.stringify(act.pvExtract),
        act.pvDocumentId,
        act.overrideId,
        act.recordedBy,
        recordedAt,
        act.aPosteriori ? 1 : 0,
      );
      return { ...act, id, recordedAt, annulment: null };
    },
    /** Annuls a live act (once: the table's primary key refuses a second annulment). */
    annul(actId: string, input: { justification: string; by: string }): ActAnnulment {
      const at = now();
      insertAnnulment.run(actId, input.justification, input.by, at);
      return { justification: input.justification, by: input.by, at };
    },
    get(id: string): ActRecord | undefined {
      const row = byId.get(id);
      return row && toAct(row);
    },
    /** The acts that count (annulled ones left out), unless `withAnnulled`. */
    ofProject: (projectId: string, options: { withAnnulled?: boolean } = {}): ActRecord[] => {
      const acts = ofProject.all(projectId).map(toAct);
      return options.withAnnulled ? acts : live(acts);
    },
    ofSeance: (seanceId: string, options: { withAnnulled?: boolean } = {}): ActRecord[] => {
      const acts = ofSeance.all(seanceId).map(toAct);
      return options.withAnnulled ? acts : live(acts);
    },
    all: (): ActRecord[] => all.all().map(toAct),
    createOverride(input: Omit<OverrideRecord, 'id' | 'createdAt'>): OverrideRecord {
      const id = randomUUID();
      const createdAt = now();
      insertOverride.run(
        id,
        input.projectId,
        input.versionId,
        input.seanceId,
        input.actKind,
        JSON.stringify(input.rules),
        input.justification,
        input.createdBy,
        createdAt,
      );
      return { ...input, id, createdAt };
    },
    overridesOf: (projectId: string, versionId: string): OverrideRecord[] => overridesOf.all(projectId, versionId).map(toOverride),
    /** Overrides not yet used by an act, for this project, version and act kind (oldest first). */
    unusedOverrides: (projectId: string, versionId: string, actKind: ActKind): OverrideRecord[] =>
      unusedOverrides.all(projectId, versionId, actKind).map(toOverride),
  };
}
