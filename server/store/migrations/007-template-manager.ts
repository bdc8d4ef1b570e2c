/**
 * A fourth organisation role, `template_manager`: who may adapt the organisation's templates
 * (issue 16: a project role must never grant it). SQLite cannot change a CHECK constraint, so
 * the table is rebuilt; nothing references org_roles, so foreign keys stay on.
 */
export default `
  CREATE TABLE org_roles_new (
    organisation_id TEXT NOT NULL REFERENCES organisations(id),
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('member', 'secretary', 'ars_reader', 'template_manager')),
    instance_id TEXT REFERENCES instances(id),
    UNIQUE (organisation_id, user_id, role, instance_id)
  );
  INSERT INTO org_roles_new (organisation_id, user_id, role, instance_id)
    SELECT organisation_id, user_id, role, instance_id FROM org_roles;
  DROP TABLE org_roles;
  ALTER TABLE org_roles_new RENAME TO org_roles;
`;
