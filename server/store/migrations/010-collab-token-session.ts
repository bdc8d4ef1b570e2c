/**
 * A collaboration token lives no longer than the session that asked for it: logging out
 * revokes both. Tokens issued before (five minutes at most) are dropped.
 */
export default `
  DELETE FROM collab_tokens;
  ALTER TABLE collab_tokens ADD COLUMN session_hash TEXT NOT NULL DEFAULT '';
  CREATE INDEX collab_tokens_session ON collab_tokens (session_hash);
`;
