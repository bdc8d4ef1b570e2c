/**
 * The statements on the Yjs log that both the serving thread (documents.ts, journaledDocuments.ts)
 * and the store thread (compactions, journal drains) run: one text each, so the two cannot drift
 * apart.
 */
export const documentSql = {
  snapshot: 'SELECT state, last_update_id FROM doc_snapshots WHERE doc_name = ?',
  snapshotMark: 'SELECT last_update_id FROM doc_snapshots WHERE doc_name = ?',
  updatesAfter: 'SELECT id, data FROM doc_updates WHERE doc_name = ? AND id > ? ORDER BY id',
  upsertSnapshot: `INSERT INTO doc_snapshots (doc_name, state, last_update_id, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (doc_name) DO UPDATE SET state = excluded.state, last_update_id = excluded.last_update_id,
       updated_at = excluded.updated_at`,
  insertUpdate: 'INSERT INTO doc_updates (doc_name, data, created_at) VALUES (?, ?, ?)',
  dropCovered: 'DELETE FROM doc_updates WHERE doc_name = ? AND id <= ?',
  /** How far the update journal has been moved into doc_updates (journaledDocuments.ts). */
  journalMark: 'SELECT generation, drained_to FROM doc_journal_mark WHERE id = 1',
  writeJournalMark: `INSERT INTO doc_journal_mark (id, generation, drained_to) VALUES (1, ?, ?)
     ON CONFLICT (id) DO UPDATE SET generation = excluded.generation, drained_to = excluded.drained_to`,
} as const;
