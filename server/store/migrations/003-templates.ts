/** Organisations' versions of the templates, and what each project was built from. */
export default `
  CREATE TABLE template_customisations (
    organisation_id TEXT NOT NULL REFERENCES organisations(id),
    kind TEXT NOT NULL,
    version INTEGER NOT NULL,
    base_version INTEGER NOT NULL,
    chapters TEXT NOT NULL,
    updated_by TEXT NOT NULL REFERENCES users(id),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (organisation_id, kind, version)
  );
  ALTER TABLE projects ADD COLUMN period_start INTEGER;
  ALTER TABLE projects ADD COLUMN period_end INTEGER;
  ALTER TABLE projects ADD COLUMN template_customisation_version INTEGER;
`;
