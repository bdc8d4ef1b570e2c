/**
 * Governance records that cannot contradict themselves (issue 16):
 * - an act is never changed or deleted; correcting one means annulling it (with a
 *   justification, once) and recording a new one. Annulments live in their own append-only table.
 * - one live act per séance, version and kind (the séance fixes the instance): a trigger refuses
 *   a second one. Duplicates recorded before this migration stay as they are, for a secretary to
 *   annul the wrong one.
 * - "saisi a posteriori": a séance created with a date already past, an act recorded more than
 *   30 days after its séance or at such a séance. Set when written; backfilled here from the
 *   recorded dates (UTC date of creation, close enough for history).
 */
export default `
  CREATE TABLE act_annulments (
    act_id TEXT PRIMARY KEY REFERENCES acts(id),
    justification TEXT NOT NULL,
    annulled_by TEXT NOT NULL REFERENCES users(id),
    annulled_at TEXT NOT NULL
  );
  CREATE TRIGGER act_annulments_immutable BEFORE UPDATE ON act_annulments
    BEGIN SELECT RAISE(ABORT, 'an annulment cannot be changed'); END;
  CREATE TRIGGER act_annulments_kept BEFORE DELETE ON act_annulments
    BEGIN SELECT RAISE(ABORT, 'an annulment cannot be deleted'); END;

  CREATE TRIGGER acts_one_live BEFORE INSERT ON acts
    WHEN EXISTS (
      SELECT 1 FROM acts a
      WHERE a.seance_id = NEW.seance_id AND a.version_id = NEW.version_id AND a.kind = NEW.kind
        AND NOT EXISTS (SELECT 1 FROM act_annulments n WHERE n.act_id = a.id)
    )
    BEGIN SELECT RAISE(ABORT, 'one live act per seance, version and kind'); END;

  ALTER TABLE seances ADD COLUMN a_posteriori INTEGER NOT NULL DEFAULT 0;
  UPDATE seances SET a_posteriori = 1 WHERE date < substr(created_at, 1, 10);

  ALTER TABLE acts ADD COLUMN a_posteriori INTEGER NOT NULL DEFAULT 0;
  DROP TRIGGER acts_immutable;
  UPDATE acts SET a_posteriori = 1 WHERE EXISTS (
    SELECT 1 FROM seances s WHERE s.id = acts.seance_id
      AND (s.a_posteriori = 1 OR julianday(substr(acts.recorded_at, 1, 10)) - julianday(s.date) > 30)
  );
  CREATE TRIGGER acts_immutable BEFORE UPDATE ON acts
    BEGIN SELECT RAISE(ABORT, 'a recorded act cannot be changed'); END;
`;
