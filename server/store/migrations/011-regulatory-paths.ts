/**
 * Issue 17 (adoption paths as the law stands):
 * - each établissement says what it is (EPS, CHU, public ESMS, military hospital), for the
 *   per-member sequence of R6132-6; existing établissements were all treated as EPS.
 * - a submission says what it is for: the PMP sent to the ARS for information before signature,
 *   the signed convention or avenant submitted for approval (its receipt starts the 2-month
 *   clock), or the adoption record of a PM, PSIRMT or PSP, kept by the établissement and
 *   addressed to no ARS (hence a nullable ars_organisation_id: the table is rebuilt). Packages
 *   built before were sent before any signature: they are recorded as sent for information.
 */
export default `
  ALTER TABLE organisations ADD COLUMN type TEXT CHECK (type IN ('EPS', 'CHU', 'ESMS', 'HIA'));
  UPDATE organisations SET type = 'EPS' WHERE kind = 'etablissement';

  DROP TRIGGER submissions_sent_as_is;
  CREATE TABLE submissions_new (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects(id),
    version_id TEXT NOT NULL REFERENCES versions(id),
    version_hash TEXT NOT NULL,
    purpose TEXT NOT NULL CHECK (purpose IN ('information', 'approbation', 'adoption')),
    ars_organisation_id TEXT REFERENCES organisations(id),
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
    receipt_act_id TEXT,
    CHECK ((purpose = 'adoption') = (ars_organisation_id IS NULL))
  );
  INSERT INTO submissions_new (id, project_id, version_id, version_hash, purpose, ars_organisation_id, manifest, package,
      package_sha256, package_bytes, transmission_act_id, created_by, created_at, received_on, received_by, received_at, receipt_act_id)
    SELECT id, project_id, version_id, version_hash, 'information', ars_organisation_id, manifest, package,
      package_sha256, package_bytes, transmission_act_id, created_by, created_at, received_on, received_by, received_at, receipt_act_id
    FROM submissions;
  DROP TABLE submissions;
  ALTER TABLE submissions_new RENAME TO submissions;
  CREATE INDEX submissions_by_ars ON submissions (ars_organisation_id, created_at);
  CREATE INDEX submissions_by_project ON submissions (project_id, created_at);
  CREATE TRIGGER submissions_sent_as_is BEFORE UPDATE ON submissions
    WHEN NEW.package IS NOT OLD.package OR NEW.manifest IS NOT OLD.manifest OR NEW.package_sha256 IS NOT OLD.package_sha256
      OR NEW.version_id IS NOT OLD.version_id OR NEW.ars_organisation_id IS NOT OLD.ars_organisation_id
      OR NEW.purpose IS NOT OLD.purpose OR OLD.received_on IS NOT NULL
    BEGIN SELECT RAISE(ABORT, 'a submission package cannot be changed'); END;
`;
