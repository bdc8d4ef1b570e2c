import { hashToken, newToken } from './sessions';
import { type Db, now } from './db';

/** What a link is for: an invitation (first password) or a forgotten password. */
export type { AccountLinkPurpose } from '../../schemas/api/auth';
import type { AccountLinkPurpose } from '../../schemas/api/auth';

/**
 * Single-use links that set an account's password. Only the hash of the secret is stored (a copy
 * of the database opens no account); issuing a link voids the account's earlier unused ones.
 */
export function accountLinkStore(db: Db) {
  const insert = db.prepare('INSERT INTO account_links (token_hash, user_id, purpose, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)');
  const voidUnused = db.prepare('UPDATE account_links SET used_at = ? WHERE user_id = ? AND used_at IS NULL');
  const find = db.prepare<[string, string], { user_id: string; purpose: AccountLinkPurpose; expires_at: string }>(
    'SELECT user_id, purpose, expires_at FROM account_links WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?',
  );
  const use = db.prepare('UPDATE account_links SET used_at = ? WHERE token_hash = ? AND used_at IS NULL');
  return {
    issue(input: { userId: string; purpose: AccountLinkPurpose; createdBy: string | null; ttlMs: number }): { token: string; expiresAt: string } {
      const token = newToken();
      const expiresAt = new Date(Date.now() + input.ttlMs).toISOString();
      voidUnused.run(now(), input.userId);
      insert.run(hashToken(token), input.userId, input.purpose, input.createdBy, now(), expiresAt);
      return { token, expiresAt };
    },
    /** The live link behind this secret, or undefined (unknown, used, voided or expired). */
    find(token: string): { userId: string; purpose: AccountLinkPurpose; expiresAt: string } | undefined {
      const row = find.get(hashToken(token), now());
      return row && { userId: row.user_id, purpose: row.purpose, expiresAt: row.expires_at };
    },
    /** Marks the link used; false when it already was (two requests racing). */
    use: (token: string): boolean => use.run(now(), hashToken(token)).changes === 1,
    /** Voids every unused link of the account (deactivated, password set another way). */
    voidAll(userId: string): void {
      voidUnused.run(now(), userId);
    },
  };
}
