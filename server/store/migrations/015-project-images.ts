/**
 * Issue 22 / issue 20 finding 10: images of a project's text (pasted, dropped, inserted or
 * imported from a DOCX), stored with the project, addressed by the SHA-256 of their bytes. The
 * content type is the one sniffed from the bytes, never the declared one.
 */
export default `
  CREATE TABLE project_images (
    project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
    content_type TEXT NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg', 'image/gif', 'image/webp')),
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    size INTEGER NOT NULL,
    data BLOB NOT NULL,
    uploaded_by TEXT REFERENCES users(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (project_id, sha256)
  );
`;
