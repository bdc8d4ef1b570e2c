/**
 * Issue 21: a fourth project role, `reviewer` (relecteur), who comments and suggests but never
 * edits the text directly. project_members is rebuilt for its CHECK.
 */
export default `
  CREATE TABLE project_members_new (
    project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('coordinator', 'editor', 'reviewer', 'reader')),
    PRIMARY KEY (project_id, user_id)
  );
  INSERT INTO project_members_new (project_id, user_id, role) SELECT project_id, user_id, role FROM project_members;
  DROP TABLE project_members;
  ALTER TABLE project_members_new RENAME TO project_members;
`;
