import { hashToken } from '../store/sessions';
import type { Store } from '../store';
import type { UserRecord } from '../store/users';
import { readSessionToken } from './sessionCookie';

/** Who a request is, and through which session (revoked together at logout). */
export interface Authenticated {
  user: UserRecord;
  /** The session's token, when it came as the cookie (logout needs it). */
  sessionToken?: string;
  /** Hash of the session's token: what collaboration sockets and tokens are bound to. */
  sessionHash: string;
}

/** The credentials a request may carry: the session cookie, or a collaboration token for one project. */
export interface Credentials {
  cookieHeader?: string;
  collabToken?: { token: string; projectId: string };
}

/** A deactivated account is nobody, even if a session of it survived (defence in depth). */
const active = (user: UserRecord | undefined): UserRecord | undefined => (user && user.deactivatedAt === null ? user : undefined);

/**
 * The one authentication of the product, for HTTP requests and WebSocket upgrades alike: a
 * live session named by the cookie, or a collaboration token bound to the project and to a
 * live session. Undefined when neither holds.
 */
export function authenticate(store: Pick<Store, 'sessions' | 'users'>, credentials: Credentials): Authenticated | undefined {
  if (credentials.collabToken) {
    const grant = store.sessions.collabTokenGrant(credentials.collabToken.token);
    if (!grant || grant.projectId !== credentials.collabToken.projectId) return undefined;
    const user = active(store.users.get(grant.userId));
    return user && { user, sessionHash: grant.sessionHash };
  }
  const sessionToken = readSessionToken(credentials.cookieHeader);
  const userId = sessionToken ? store.sessions.userIdFor(sessionToken) : undefined;
  const user = active(userId ? store.users.get(userId) : undefined);
  return user && sessionToken ? { user, sessionToken, sessionHash: hashToken(sessionToken) } : undefined;
}
