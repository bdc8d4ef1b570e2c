import { hashToken, newToken } from './sessions';
import { type Db, now } from './db';

/**
 * Secret per-user calendar feed tokens: the token in the URL is the only credential, so only
 * its hash is stored and issuing a new one revokes the previous one.
 */
export function calendarFeedStore(db: Db) {
  const upsert = db.prepare(
    `INSERT INTO calendar_feeds (token_hash, user_id, created_at) VALUES (?, ?, ?)
     ON CONFLICT (user_id) DO UPDATE SET token_hash = excluded.token_hash, created_at = excluded.created_at`,
  );
  const find = db.prepare<[string], { user_id: string }>('SELECT user_id FROM calendar_feeds WHERE token_hash = ?');
  const ofUser = db.prepare<[string], { created_at: string }>('SELECT created_at FROM calendar_feeds WHERE user_id = ?');
  const remove = db.prepare('DELETE FROM calendar_feeds WHERE user_id = ?');
  return {
    /** A new token for this user (the previous one stops working). */
    issue(userId: string): string {
      const token = newToken();
      upsert.run(hashToken(token), userId, now());
      return token;
    },
    userIdFor: (token: string): string | undefined => find.get(hashToken(token))?.user_id,
    issuedAt: (userId: string): string | undefined => ofUser.get(userId)?.created_at,
    revoke: (userId: string): void => void remove.run(userId),
  };
}
