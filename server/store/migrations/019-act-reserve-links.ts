/**
 * Issue 21: an avis « favorable avec réserves » lists its réserves one by one, each linked to the
 * comment threads or the sections it concerns, so the team sees what the instance asked for where
 * it applies. The act itself stays immutable (its `reserves` text is the PV's wording); the
 * breakdown and its links are set by the instance's secretary, at recording or later, and may be
 * replaced as a whole (each change audited). Comment threads live in the Y.Doc, so their ids are
 * checked by the command, not by a foreign key.
 */
export default `
  CREATE TABLE act_reserve_items (
    act_id TEXT NOT NULL REFERENCES acts(id),
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    comment_ids TEXT NOT NULL DEFAULT '[]',
    section_ids TEXT NOT NULL DEFAULT '[]',
    set_by TEXT NOT NULL REFERENCES users(id),
    set_at TEXT NOT NULL,
    PRIMARY KEY (act_id, position)
  );
`;
