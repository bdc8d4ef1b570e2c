import { hashPassword, verifyPassword } from '../auth/password';
import { checkPasswordStrength } from '../auth/passwordChecker';
import { sessionTtlMs } from '../auth/sessionCookie';
import { DomainError } from '../errors';
import type { UserRecord } from '../store/users';
import type { Deps } from '../deps';

export async function createUser(deps: Pick<Deps, 'store'>, input: { email: string; name: string; password: string; isAdmin?: boolean }): Promise<string> {
  if (deps.store.users.findByEmail(input.email)) {
    throw new DomainError('conflict', 'email_taken', 'Un compte existe déjà avec cette adresse.', [{ path: 'email', message: 'Adresse déjà utilisée.' }]);
  }
  const passwordHash = await hashPassword(input.password);
  return deps.store.users.create({ email: input.email, name: input.name, passwordHash, isAdmin: input.isAdmin ?? false });
}

/** 400 on `path` when the password is too easy to guess for this account (auth/passwordPolicy.ts). */
export async function requireStrongPassword(password: string, context: { email?: string; name?: string }, path: string): Promise<void> {
  const problem = await checkPasswordStrength(password, context);
  if (problem) throw new DomainError('invalid', 'weak_password', 'Ce mot de passe est trop facile à deviner.', [{ path, message: problem }]);
}

/**
 * Changes the user's password after checking the current one, and ends the user's other
 * sessions (a password changed because it leaked must lock out whoever used it); the session
 * making the change stays. Audited, without any password material.
 */
export async function changePassword(
  deps: Pick<Deps, 'store' | 'sockets'>,
  user: UserRecord,
  sessionToken: string,
  input: { currentPassword: string; newPassword: string },
): Promise<{ endedSessions: string[] }> {
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
    throw new DomainError('invalid', 'validation_failed', 'Le mot de passe actuel est incorrect.', [
      { path: 'currentPassword', message: 'Mot de passe actuel incorrect.' },
    ]);
  }
  if (input.newPassword === input.currentPassword) {
    throw new DomainError('invalid', 'validation_failed', 'Données invalides (corps).', [
      { path: 'newPassword', message: 'Le nouveau mot de passe doit différer de l’actuel.' },
    ]);
  }
  await requireStrongPassword(input.newPassword, { email: user.email, name: user.name }, 'newPassword');
  const passwordHash = await hashPassword(input.newPassword);
  const ended = deps.store.transaction(() => {
    deps.store.users.setPasswordHash(user.id, passwordHash);
    const endedSessions = deps.store.sessions.deleteOthers(user.id, sessionToken);
    deps.store.audit.append({
      actorId: user.id,
      actorName: user.name,
      action: 'user.password',
      subjectType: 'user',
      subjectId: user.id,
      details: { endedSessions: endedSessions.length },
    });
    return { endedSessions };
  });
  // The sockets of the ended sessions would otherwise keep writing.
  for (const sessionHash of ended.endedSessions) deps.sockets.revoke({ userId: user.id, sessionHash }, 'loggedOut');
  return ended;
}

// Verifying against a real hash even for unknown emails keeps response times alike.
const decoyHash = hashPassword('decoy password that matches nothing');

/** The user and a new session token, or a 401 that does not say which part was wrong. */
export async function login(deps: Pick<Deps, 'store'>, input: { email: string; password: string }): Promise<{ user: UserRecord; token: string }> {
  const user = deps.store.users.findByEmail(input.email);
  const ok = await verifyPassword(input.password, user?.passwordHash ?? (await decoyHash));
  if (!user || !ok) throw new DomainError('unauthenticated', 'bad_credentials', 'Adresse ou mot de passe incorrect.');
  // Said only to whoever knows the password: it tells nothing to someone probing addresses.
  if (user.deactivatedAt)
    throw new DomainError('forbidden', 'account_deactivated', 'Ce compte est désactivé. Adressez-vous à l’administrateur de votre organisation.');
  return { user, token: deps.store.sessions.create(user.id, sessionTtlMs) };
}

/**
 * Ends one session: its row (and the directory's ID token kept with it, returned so the caller can
 * end the provider's session too) and the sockets opened with it, which would otherwise keep writing.
 */
export function logout(
  deps: Pick<Deps, 'store' | 'sockets'>,
  session: { token: string | undefined; hash: string | undefined; userId: string | undefined },
): { idToken: string | undefined } {
  const idToken = session.hash ? deps.store.oidc.sessionIdToken(session.hash) : undefined;
  if (session.token) deps.store.sessions.delete(session.token);
  if (session.userId && session.hash) deps.sockets.revoke({ userId: session.userId, sessionHash: session.hash }, 'loggedOut');
  return { idToken };
}

/** Creates the administrator named by PMP_BOOTSTRAP_ADMIN once. */
export async function bootstrapAdmin(deps: Pick<Deps, 'store' | 'config' | 'logger'>): Promise<void> {
  const admin = deps.config.bootstrapAdmin;
  if (!admin || deps.store.users.findByEmail(admin.email)) return;
  await createUser(deps, { email: admin.email, name: 'Administrateur', password: admin.password, isAdmin: true });
  deps.logger.info('bootstrap admin created', { email: admin.email });
}
