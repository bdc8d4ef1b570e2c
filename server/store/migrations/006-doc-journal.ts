/**
 * How far the update journal (pmp.journal, see updateJournal.ts) has been moved into
 * doc_updates: written in the same transaction as the rows it moved, so a replay after a crash
 * imports each record exactly once. One row.
 */
export default `
  CREATE TABLE doc_journal_mark (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    generation INTEGER NOT NULL,
    drained_to INTEGER NOT NULL
  );
`;
