/**
 * Issue 24 (five years after adoption):
 * - indicator_values: the value of each year of an indicator of the adopted version, keyed by
 *   the indicator's record id (stable across versions and avenants), entered by its pilots;
 * - etape_progress: when an étape of a fiche-action was done (the frozen version keeps the
 *   échéance, the follow-up keeps what happened);
 * - bilans: a bilan annuel is a project of its own (kind BILAN) linked to the project and the
 *   year it reports on, one per year.
 * None of it changes a frozen version.
 */
export default `
  CREATE TABLE indicator_values (
    project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    indicator_id TEXT NOT NULL,
    year INTEGER NOT NULL,
    value REAL NOT NULL,
    date TEXT,
    source TEXT,
    comment TEXT,
    entered_by TEXT NOT NULL REFERENCES users(id),
    entered_at TEXT NOT NULL,
    PRIMARY KEY (project_id, indicator_id, year)
  );
  CREATE TABLE etape_progress (
    project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    fiche_id TEXT NOT NULL,
    etape_id TEXT NOT NULL,
    done_on TEXT NOT NULL,
    entered_by TEXT NOT NULL REFERENCES users(id),
    entered_at TEXT NOT NULL,
    PRIMARY KEY (project_id, fiche_id, etape_id)
  );
  CREATE TABLE bilans (
    project_id TEXT PRIMARY KEY REFERENCES projects(id) ON DELETE CASCADE,
    parent_project_id TEXT NOT NULL REFERENCES projects(id),
    year INTEGER NOT NULL,
    version_id TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    UNIQUE (parent_project_id, year)
  );
`;
