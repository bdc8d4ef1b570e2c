import { hashPassword, verifyPassword } from '../auth/password';
import { sessionTtlMs } from '../auth/sessionCookie';
import { HttpError } from '../http/errors';
import type { UserRecord } from '../store/users';
import type { Deps } from './deps';

export async function createUser(
  deps: Pick<Deps, 'store'>,
  input: { email: string; name: string; password: string; isAdmin?: boolean },
): Promise<string> {
  if (deps.store.users.findByEmail(input.email)) {
    throw new HttpError(409, 'email_taken', 'Un compte existe déjà avec cette adresse.', [
      { path: 'email', message: 'Adresse déjà utilisée.' },
    ]);
  }
  const passwordHash = await hashPassword(input.password);
  return deps.store.users.create({ email: input.email, name: input.name, passwordHash, isAdmin: input.isAdmin ?? false });
}

// Verifying against a real hash even for unknown emails keeps response times alike.
const decoyHash = hashPassword('decoy password that matches nothing');

/** The user and a new session token, or a 401 that does not say which part was wrong. */
export async function login(
  deps: Pick<Deps, 'store'>,
  input: { email: string; password: string },
): Promise<{ user: UserRecord; token: string }> {
  const user = deps.store.users.findByEmail(input.email);
  const ok = await verifyPassword(input.password, user?.passwordHash ?? (await decoyHash));
  if (!user || !ok) throw new HttpError(401, 'bad_credentials', 'Adresse ou mot de passe incorrect.');
  return { user, token: deps.store.sessions.create(user.id, sessionTtlMs) };
}

/** Creates the administrator named by PMP_BOOTSTRAP_ADMIN once. */
export async function bootstrapAdmin(deps: Pick<Deps, 'store' | 'config' | 'logger'>): Promise<void> {
  const admin = deps.config.bootstrapAdmin;
  if (!admin || deps.store.users.findByEmail(admin.email)) return;
  await createUser(deps, { email: admin.email, name: 'Administrateur', password: admin.password, isAdmin: true });
  deps.logger.info('bootstrap admin created', { email: admin.email });
}
