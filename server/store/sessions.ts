import { createHash, randomBytes } from 'node:crypto';
import { type Db, now } from './db';

/** Only a hash of a bearer secret is stored, so a copy of the database grants no session. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');
export const newToken = (): string => randomBytes(32).toString('base64url');

export function sessionStore(db: Db) {
  const insert = db.prepare('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)');
  const find = db.prepare<[string, string], { user_id: string }>('SELECT user_id FROM sessions WHERE token_hash = ? AND expires_at > ?');
  const remove = db.prepare('DELETE FROM sessions WHERE token_hash = ?');
  const purge = db.prepare('DELETE FROM sessions WHERE expires_at <= ?');
  const insertCollab = db.prepare('INSERT INTO collab_tokens (token_hash, user_id, project_id, expires_at, session_hash) VALUES (?, ?, ?, ?, ?)');
  // A token is worth no more than the session it was issued to.
  const findCollab = db.prepare<[string, string, string], { user_id: string; project_id: string; session_hash: string }>(
    `SELECT c.user_id, c.project_id, c.session_hash FROM collab_tokens c JOIN sessions s ON s.token_hash = c.session_hash
     WHERE c.token_hash = ? AND c.expires_at > ? AND s.expires_at > ?`,
  );
  const removeCollabOfSession = db.prepare('DELETE FROM collab_tokens WHERE session_hash = ?');
  const removeCollabOfMember = db.prepare('DELETE FROM collab_tokens WHERE user_id = ? AND project_id = ?');
  const purgeCollab = db.prepare('DELETE FROM collab_tokens WHERE expires_at <= ?');
  const othersOf = db.prepare<[string, string], { token_hash: string }>('SELECT token_hash FROM sessions WHERE user_id = ? AND token_hash <> ?');
  const removeOthers = db.prepare('DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?');
  const removeAllOfUser = db.prepare('DELETE FROM sessions WHERE user_id = ?');
  const removeCollabOfUser = db.prepare('DELETE FROM collab_tokens WHERE user_id = ?');
  const removeCollabOfOthers = db.prepare('DELETE FROM collab_tokens WHERE user_id = ? AND session_hash <> ?');
  return {
    create(userId: string, ttlMs: number): string {
      const token = newToken();
      purge.run(now());
      insert.run(hashToken(token), userId, now(), new Date(Date.now() + ttlMs).toISOString());
      return token;
    },
    userIdFor(token: string): string | undefined {
      return find.get(hashToken(token), now())?.user_id;
    },
    /** Ends a session and the collaboration tokens issued to it. */
    delete(token: string): void {
      removeCollabOfSession.run(hashToken(token));
      remove.run(hashToken(token));
    },
    createCollabToken(userId: string, projectId: string, ttlMs: number, sessionHash: string): string {
      const token = newToken();
      purgeCollab.run(now());
      insertCollab.run(hashToken(token), userId, projectId, new Date(Date.now() + ttlMs).toISOString(), sessionHash);
      return token;
    },
    /**
     * Ends every session of the user but the one given, and the collaboration tokens issued to
     * them; returns the ended sessions' hashes.
     */
    deleteOthers(userId: string, keepToken: string): string[] {
      const keep = hashToken(keepToken);
      const hashes = othersOf.all(userId, keep).map((r) => r.token_hash);
      removeOthers.run(userId, keep);
      removeCollabOfOthers.run(userId, keep);
      return hashes;
    },
    /** Ends every session of the user (deactivated, password reset) and their collaboration tokens. */
    deleteAllOf(userId: string): void {
      removeCollabOfUser.run(userId);
      removeAllOfUser.run(userId);
    },
    collabTokenGrant(token: string): { userId: string; projectId: string; sessionHash: string } | undefined {
      const at = now();
      const row = findCollab.get(hashToken(token), at, at);
      return row && { userId: row.user_id, projectId: row.project_id, sessionHash: row.session_hash };
    },
    /** Revokes a member's tokens on a project (role changed, member removed). */
    deleteCollabTokens(userId: string, projectId: string): void {
      removeCollabOfMember.run(userId, projectId);
    },
  };
}
