/**
 * Who marked a séance "saisie a posteriori", and when: its creator at creation (a date already
 * past), or whoever later moved it to a past date. Backfilled from the creation for séances
 * flagged by migration 008.
 */
export default `
  ALTER TABLE seances ADD COLUMN a_posteriori_by TEXT REFERENCES users(id);
  ALTER TABLE seances ADD COLUMN a_posteriori_at TEXT;
  UPDATE seances SET a_posteriori_by = created_by, a_posteriori_at = created_at WHERE a_posteriori = 1;
`;
