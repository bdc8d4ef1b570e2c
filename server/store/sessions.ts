import { createHash, randomBytes } from 'node:crypto';
import { type Db, now } from './db';

/** Only a hash of a bearer secret is stored, so a copy of the database grants no session. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');
export const newToken = (): string => randomBytes(32).toString('base64url');

export function sessionStore(db: Db) {
  const insert = db.prepare('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)');
  const find = db.prepare<[string, string], { user_id: string }>(
    'SELECT user_id FROM sessions WHERE token_hash = ? AND expires_at > ?',
  );
  const remove = db.prepare('DELETE FROM sessions WHERE token_hash = ?');
  const purge = db.prepare('DELETE FROM sessions WHERE expires_at <= ?');
  const insertCollab = db.prepare(
    'INSERT INTO collab_tokens (token_hash, user_id, project_id, expires_at) VALUES (?, ?, ?, ?)',
  );
  const findCollab = db.prepare<[string, string], { user_id: string; project_id: string }>(
    'SELECT user_id, project_id FROM collab_tokens WHERE token_hash = ? AND expires_at > ?',
  );
  const purgeCollab = db.prepare('DELETE FROM collab_tokens WHERE expires_at <= ?');
  const othersOf = db.prepare<[string, string], { token_hash: string }>('SELECT token_hash FROM sessions WHERE user_id = ? AND token_hash <> ?');
  const removeOthers = db.prepare('DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?');
  const removeCollabOfUser = db.prepare('DELETE FROM collab_tokens WHERE user_id = ?');
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
    delete(token: string): void {
      remove.run(hashToken(token));
    },
    createCollabToken(userId: string, projectId: string, ttlMs: number): string {
      const token = newToken();
      purgeCollab.run(now());
      insertCollab.run(hashToken(token), userId, projectId, new Date(Date.now() + ttlMs).toISOString());
      return token;
    },
    /**
     * Ends every session of the user but the one given, and all the user's collaboration
     * tokens (a tab that needs one asks again); returns the ended sessions' hashes.
     */
    deleteOthers(userId: string, keepToken: string): string[] {
      const keep = hashToken(keepToken);
      const hashes = othersOf.all(userId, keep).map((r) => r.token_hash);
      removeOthers.run(userId, keep);
      removeCollabOfUser.run(userId);
      return hashes;
    },
    collabTokenGrant(token: string): { userId: string; projectId: string } | undefined {
      const row = findCollab.get(hashToken(token), now());
      return row && { userId: row.user_id, projectId: row.project_id };
    },
  };
}
