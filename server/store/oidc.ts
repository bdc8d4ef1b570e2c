import { type Db, now } from './db';
import { hashToken } from './sessions';

/** A sign-in under way: what the provider's answer is checked against. */
export interface PendingOidcLogin {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** An editor route ("#/…"), never an address. */
  returnTo: string;
}

interface PendingRow {
  state: string;
  nonce: string;
  code_verifier: string;
  return_to: string;
}

export function oidcStore(db: Db) {
  const insertLogin = db.prepare('INSERT INTO oidc_logins (binding_hash, state, nonce, code_verifier, return_to, expires_at) VALUES (?, ?, ?, ?, ?, ?)');
  const purgeLogins = db.prepare('DELETE FROM oidc_logins WHERE expires_at <= ?');
  const takeLogin = db.prepare<[string, string], PendingRow>(
    'DELETE FROM oidc_logins WHERE binding_hash = ? AND expires_at > ? RETURNING state, nonce, code_verifier, return_to',
  );
  const identity = db.prepare<[string, string], { user_id: string }>('SELECT user_id FROM oidc_identities WHERE issuer = ? AND subject = ?');
  const subjectOf = db.prepare<[string, string], { subject: string }>('SELECT subject FROM oidc_identities WHERE issuer = ? AND user_id = ?');
  const link = db.prepare('INSERT INTO oidc_identities (issuer, subject, user_id, created_at) VALUES (?, ?, ?, ?)');
  const setIdToken = db.prepare('INSERT OR REPLACE INTO oidc_sessions (session_hash, id_token) VALUES (?, ?)');
  const idToken = db.prepare<[string], { id_token: string }>('SELECT id_token FROM oidc_sessions WHERE session_hash = ?');
  return {
    /** Records a sign-in under way, found again by the secret `binding` its browser holds. */
    startLogin(binding: string, login: PendingOidcLogin, ttlMs: number): void {
      purgeLogins.run(now());
      insertLogin.run(hashToken(binding), login.state, login.nonce, login.codeVerifier, login.returnTo, new Date(Date.now() + ttlMs).toISOString());
    },
    /** The sign-in bound to this browser, removed as it is read: a second use finds nothing. */
    takeLogin(binding: string): PendingOidcLogin | undefined {
      const row = takeLogin.get(hashToken(binding), now());
      return row && { state: row.state, nonce: row.nonce, codeVerifier: row.code_verifier, returnTo: row.return_to };
    },
    userIdFor: (issuer: string, subject: string): string | undefined => identity.get(issuer, subject)?.user_id,
    subjectOf: (issuer: string, userId: string): string | undefined => subjectOf.get(issuer, userId)?.subject,
    link(issuer: string, subject: string, userId: string): void {
      link.run(issuer, subject, userId, now());
    },
    /** The ID token a session was opened with (removed with the session). */
    setSessionIdToken(sessionToken: string, token: string): void {
      setIdToken.run(hashToken(sessionToken), token);
    },
    sessionIdToken: (sessionHash: string): string | undefined => idToken.get(sessionHash)?.id_token,
  };
}
