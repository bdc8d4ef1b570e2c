/**
 * Issue 18 (a GHT sets itself up from the product):
 * - organisations carry their FINESS numbers (juridique, géographique), the CHU a GHT is
 *   associated with, the dates an établissement joined (and left) its GHT, and an archive mark
 *   (nothing with acts is ever deleted);
 * - accounts carry a function (PCME, DG, secrétaire…), and may be deactivated (who, when);
 *   an invited account has no password yet (empty hash: no login until the invitation is used);
 * - account links: single-use secrets (only their hash kept) to set a password, from an
 *   invitation (72 h) or a forgotten password (2 h);
 * - a fifth organisation role, `org_admin`, who invites people and grants roles in the
 *   organisation (and, on a GHT, in its établissements). org_roles is rebuilt for its CHECK.
 */
export default `
  ALTER TABLE organisations ADD COLUMN finess_juridique TEXT;
  ALTER TABLE organisations ADD COLUMN finess_geographique TEXT;
  ALTER TABLE organisations ADD COLUMN associated_chu_id TEXT REFERENCES organisations(id);
  ALTER TABLE organisations ADD COLUMN member_since TEXT;
  ALTER TABLE organisations ADD COLUMN member_until TEXT;
  ALTER TABLE organisations ADD COLUMN archived_at TEXT;

  ALTER TABLE users ADD COLUMN function TEXT NOT NULL DEFAULT '';
  ALTER TABLE users ADD COLUMN deactivated_at TEXT;
  ALTER TABLE users ADD COLUMN deactivated_by TEXT REFERENCES users(id);

  CREATE TABLE account_links (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    purpose TEXT NOT NULL CHECK (purpose IN ('invitation', 'reset')),
    created_by TEXT REFERENCES users(id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT
  );
  CREATE INDEX account_links_by_user ON account_links (user_id);

  CREATE TABLE org_roles_new (
    organisation_id TEXT NOT NULL REFERENCES organisations(id),
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('member', 'secretary', 'ars_reader', 'template_manager', 'org_admin')),
    instance_id TEXT REFERENCES instances(id),
    UNIQUE (organisation_id, user_id, role, instance_id)
  );
  INSERT INTO org_roles_new (organisation_id, user_id, role, instance_id)
    SELECT organisation_id, user_id, role, instance_id FROM org_roles;
  DROP TABLE org_roles;
  ALTER TABLE org_roles_new RENAME TO org_roles;
`;
