/**
 * Single sign-on (OpenID Connect):
 * - oidc_logins: a sign-in under way, between the redirect to the provider and its return;
 *   taken once (state reuse fails), found by the hash of the browser's binding cookie.
 * - oidc_identities: the provider's subject an account was first matched to, so a later
 *   e-mail change at the provider cannot move the account to someone else.
 * - oidc_sessions: the ID token a session was opened with, for the provider's logout.
 */
export default `
  CREATE TABLE oidc_logins (
    binding_hash TEXT PRIMARY KEY,
    state TEXT NOT NULL,
    nonce TEXT NOT NULL,
    code_verifier TEXT NOT NULL,
    return_to TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );
  CREATE TABLE oidc_identities (
    issuer TEXT NOT NULL,
    subject TEXT NOT NULL,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    PRIMARY KEY (issuer, subject),
    UNIQUE (issuer, user_id)
  );
  CREATE TABLE oidc_sessions (
    session_hash TEXT PRIMARY KEY REFERENCES sessions(token_hash) ON DELETE CASCADE,
    id_token TEXT NOT NULL
  );
`;
