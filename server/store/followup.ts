import { type Db, now } from './db';

/** One year's value of an indicator, as entered (migration 016). */
export interface IndicatorValueRecord {
  indicatorId: string;
  year: number;
  value: number;
  date: string | null;
  source: string | null;
  comment: string | null;
  enteredBy: string;
  enteredAt: string;
}

export interface EtapeProgressRecord {
  ficheId: string;
  etapeId: string;
  doneOn: string;
  enteredBy: string;
}

export interface BilanRecord {
  projectId: string;
  parentProjectId: string;
  year: number;
  versionId: string;
  createdBy: string;
  createdAt: string;
}

interface ValueRow {
  indicator_id: string;
  year: number;
  value: number;
  date: string | null;
  source: string | null;
  comment: string | null;
  entered_by: string;
  entered_at: string;
}

interface BilanRow {
  project_id: string;
  parent_project_id: string;
  year: number;
  version_id: string;
  created_by: string;
  created_at: string;
}

const toBilan = (r: BilanRow): BilanRecord => ({
  projectId: r.project_id,
  parentProjectId: r.parent_project_id,
  year: r.year,
  versionId: r.version_id,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

/** The follow-up of adopted projects: yearly indicator values, étapes done, bilans annuels. */
export function followupStore(db: Db) {
  const values = db.prepare<[string], ValueRow>('SELECT * FROM indicator_values WHERE project_id = ? ORDER BY indicator_id, year');
  const upsertValue = db.prepare(
    `INSERT INTO indicator_values (project_id, indicator_id, year, value, date, source, comment, entered_by, entered_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (project_id, indicator_id, year) DO UPDATE SET value = excluded.value, date = excluded.date,
       source = excluded.source, comment = excluded.comment, entered_by = excluded.entered_by, entered_at = excluded.entered_at`,
  );
  const etapes = db.prepare<[string], { fiche_id: string; etape_id: string; done_on: string; entered_by: string }>(
    'SELECT fiche_id, etape_id, done_on, entered_by FROM etape_progress WHERE project_id = ?',
  );
  const upsertEtape = db.prepare(
    `INSERT INTO etape_progress (project_id, fiche_id, etape_id, done_on, entered_by, entered_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (project_id, fiche_id, etape_id) DO UPDATE SET done_on = excluded.done_on, entered_by = excluded.entered_by, entered_at = excluded.entered_at`,
  );
  const stamp = db.prepare<[string, string], { stamp: string }>(
    `SELECT (SELECT count(*) || '|' || coalesce(max(entered_at), '') FROM indicator_values WHERE project_id = ?)
       || '|' || (SELECT count(*) || '|' || coalesce(max(entered_at), '') FROM etape_progress WHERE project_id = ?) AS stamp`,
  );
  const deleteEtape = db.prepare('DELETE FROM etape_progress WHERE project_id = ? AND fiche_id = ? AND etape_id = ?');
  const insertBilan = db.prepare('INSERT INTO bilans (project_id, parent_project_id, year, version_id, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  const bilanOf = db.prepare<[string], BilanRow>('SELECT * FROM bilans WHERE project_id = ?');
  const bilanFor = db.prepare<[string, number], BilanRow>('SELECT * FROM bilans WHERE parent_project_id = ? AND year = ?');
  const bilansOf = db.prepare<[string], BilanRow>('SELECT * FROM bilans WHERE parent_project_id = ? ORDER BY year');
  return {
    values(projectId: string): IndicatorValueRecord[] {
      return values.all(projectId).map((r) => ({
        indicatorId: r.indicator_id,
        year: r.year,
        value: r.value,
        date: r.date,
        source: r.source,
        comment: r.comment,
        enteredBy: r.entered_by,
        enteredAt: r.entered_at,
      }));
    },
    setValue(projectId: string, input: Omit<IndicatorValueRecord, 'enteredAt'>): void {
      upsertValue.run(projectId, input.indicatorId, input.year, input.value, input.date, input.source, input.comment, input.enteredBy, now());
    },
    /** Changes when a value or an étape of the project is written (count and latest write of each). */
    stamp: (projectId: string): string => stamp.get(projectId, projectId)?.stamp ?? '',
    etapes(projectId: string): EtapeProgressRecord[] {
      return etapes.all(projectId).map((r) => ({ ficheId: r.fiche_id, etapeId: r.etape_id, doneOn: r.done_on, enteredBy: r.entered_by }));
    },
    setEtapeDone(projectId: string, ficheId: string, etapeId: string, doneOn: string | null, userId: string): void {
      if (doneOn === null) deleteEtape.run(projectId, ficheId, etapeId);
      else upsertEtape.run(projectId, ficheId, etapeId, doneOn, userId, now());
    },
    addBilan(input: Omit<BilanRecord, 'createdAt'>): void {
      insertBilan.run(input.projectId, input.parentProjectId, input.year, input.versionId, input.createdBy, now());
    },
    bilan: (projectId: string): BilanRecord | undefined => {
      const row = bilanOf.get(projectId);
      return row && toBilan(row);
    },
    bilanFor: (parentProjectId: string, year: number): BilanRecord | undefined => {
      const row = bilanFor.get(parentProjectId, year);
      return row && toBilan(row);
    },
    bilansOf: (parentProjectId: string): BilanRecord[] => bilansOf.all(parentProjectId).map(toBilan),
  };
}
