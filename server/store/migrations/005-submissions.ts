/**
 * Submission packages sent to the ARS (the zip is kept as sent, with its manifest and hash) and
 * which ARS an organisation reports to.
 */
export default `
  CREATE TABLE organisation_ars (
    organisation_id TEXT PRIMARY KEY REFERENCES organisations(id),
    ars_organisation_id TEXT NOT NULL REFERENCES organisations(id)
  );
  CREATE TABLE submissions (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects(id),
    version_id TEXT NOT NULL REFERENCES versions(id),
    version_hash TEXT NOT NULL,
    ars_organisation_id TEXT NOT NULL REFERENCES organisations(id),
    manifest TEXT NOT NULL,
    package BLOB NOT NULL,
    package_sha256 TEXT NOT NULL,
    package_bytes INTEGER NOT NULL,
    transmission_act_id TEXT,
    created_by TEXT NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    received_on TEXT,
    received_by TEXT REFERENCES users(id),
    received_at TEXT,
    receipt_act_id TEXT
  );
  CREATE INDEX submissions_by_ars ON submissions (ars_organisation_id, created_at);
  CREATE INDEX submissions_by_project ON submissions (project_id, created_at);
  -- What was sent stays as it was sent: only the receipt may be filled in, once.
  CREATE TRIGGER submissions_sent_as_is BEFORE UPDATE ON submissions
    WHEN NEW.package IS NOT OLD.package OR NEW.manifest IS NOT OLD.manifest OR NEW.package_sha256 IS NOT OLD.package_sha256
      OR NEW.version_id IS NOT OLD.version_id OR NEW.ars_organisation_id IS NOT OLD.ars_organisation_id
      OR OLD.received_on IS NOT NULL
    BEGIN SELECT RAISE(ABORT, 'a submission package cannot be changed'); END;
`;
