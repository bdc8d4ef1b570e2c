import { Email } from '../../schemas/user';
import { limits } from '../../schemas/limits';
import type { SsoErrorCode } from '../../schemas/sso';
import type { OidcClaims } from '../auth/oidcClient';
import { sessionTtlMs } from '../auth/sessionCookie';
import type { OidcConfig } from '../config';
import type { UserRecord } from '../store/users';
import type { Deps } from '../deps';

/** A sign-in through the directory that the product refuses; the login page explains the code. */
export class SsoRefusal extends Error {
  constructor(readonly code: SsoErrorCode) {
    super(code);
  }
}

/** Not a scrypt hash: verifyPassword never accepts it, so an account made by SSO has no password. */
export const noPassword = '!sso';

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

function displayName(claims: OidcClaims, settings: OidcConfig, email: string): string {
  const given = [text(claims.given_name), text(claims.family_name)].filter(Boolean).join(' ');
  return (text(claims[settings.nameClaim]) ?? (given || email.split('@')[0]!)).slice(0, limits.nameLength);
}

/** The e-mail the account is matched on, once the provider vouches for it. */
function vouchedEmail(claims: OidcClaims, settings: OidcConfig): string {
  const parsed = Email.safeParse(claims[settings.emailClaim]);
  if (!parsed.success) throw new SsoRefusal('sso_no_email');
  // Whoever can set an unverified address at the provider must not take over that address's account.
  if (claims.email_verified === false || (settings.requireEmailVerified && claims.email_verified !== true)) {
    throw new SsoRefusal('sso_email_unverified');
  }
  return parsed.data;
}

/**
 * The account of the person the provider vouched for: the one already tied to their subject;
 * else the account with their e-mail, tied now (unless already tied to another subject: the
 * address moved to someone else at the provider); else a new account without any role when
 * their e-mail domain is allowed. Then a session like a password login's.
 */
export function signInWithSso(deps: Pick<Deps, 'store' | 'config'>, claims: OidcClaims, idToken: string): { user: UserRecord; token: string } {
  const settings = deps.config.oidc!;
  const { store } = deps;
  const user = store.transaction((): UserRecord => {
    const linkedId = store.oidc.userIdFor(settings.issuer, claims.sub);
    const linked = linkedId ? store.users.get(linkedId) : undefined;
    if (linked) return linked;
    const email = vouchedEmail(claims, settings);
    const existing = store.users.findByEmail(email);
    if (existing) {
      if (store.oidc.subjectOf(settings.issuer, existing.id) !== undefined) throw new SsoRefusal('sso_identity_conflict');
      store.oidc.link(settings.issuer, claims.sub, existing.id);
      // The invitation is answered: its link must not set a password behind the directory's back.
      store.accountLinks.voidAll(existing.id);
      audit(deps, existing, 'user.sso_linked', { issuer: settings.issuer });
      return existing;
    }
    const domain = email.slice(email.lastIndexOf('@') + 1);
    if (!settings.allowedDomains.includes(domain)) throw new SsoRefusal('sso_domain_not_allowed');
    const id = store.users.create({ email, name: displayName(claims, settings, email), passwordHash: noPassword, isAdmin: false });
    store.oidc.link(settings.issuer, claims.sub, id);
    const created = store.users.get(id)!;
    audit(deps, created, 'user.sso_created', { issuer: settings.issuer, domain });
    return created;
  });
  // Deactivation closes the account whichever way one signs in.
  if (user.deactivatedAt !== null) throw new SsoRefusal('sso_account_disabled');
  const token = store.sessions.create(user.id, sessionTtlMs);
  store.oidc.setSessionIdToken(token, idToken);
  return { user, token };
}

function audit(deps: Pick<Deps, 'store'>, user: UserRecord, action: string, details: Record<string, unknown>): void {
  deps.store.audit.append({ actorId: user.id, actorName: user.name, action, subjectType: 'user', subjectId: user.id, details });
}
