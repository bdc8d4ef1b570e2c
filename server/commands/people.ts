import type { InvitationAnswer } from '../../schemas/api/users';
import type { OrgRole } from '../../schemas/user';
import { DomainError } from '../errors';
import type { UserRecord } from '../store/users';
import { issueLink } from './accountLinks';
import type { Deps } from '../deps';
import { archived, grantOrganisationRole, requireRoleFits } from './instances';

export interface InviteInput {
  email: string;
  name: string;
  function?: string;
  organisationId?: string;
  role?: OrgRole;
}

/** Invited and not yet in: no password chosen, nor a first sign-in through the directory. */
export function isPending(deps: Pick<Deps, 'store' | 'config'>, user: UserRecord): boolean {
  const issuer = deps.config.oidc?.issuer;
  return user.passwordHash === '' && !(issuer && deps.store.oidc.subjectOf(issuer, user.id));
}

const userNotFound = () => new DomainError('not_found', 'user_not_found', 'Utilisateur introuvable.');

/**
 * Invites a person: an account without password and a link valid 72 h to choose one, e-mailed
 * over SMTP; with a role in an organisation when one is named. An administrator invites anyone
 * and, without SMTP, gets the link once in the answer. An organisation administrator invites
 * into their organisation only; the answer is the same whether the address already had an
 * account (it then gets the role and a notice) or not, and never carries the link: an
 * organisation administrator cannot probe which addresses have accounts.
 */
export async function invitePerson(deps: Deps, user: UserRecord, input: InviteInput, baseUrl: string): Promise<InvitationAnswer> {
  const role = input.organisationId ? (input.role ?? 'member') : undefined;
  if (input.role && !input.organisationId) {
    throw new DomainError('invalid', 'validation_failed', 'Données invalides (corps).', [
      { path: 'organisationId', message: 'Indiquez l’organisation où donner ce rôle.' },
    ]);
  }
  if (!deps.policy.can(user, { action: 'person.invite', organisationId: input.organisationId ?? null })) {
    throw new DomainError('forbidden', 'forbidden', 'Seuls l’administrateur et les administrateurs d’une organisation invitent, dans leur organisation.');
  }
  if (input.organisationId && !deps.store.organisations.get(input.organisationId)) {
    throw new DomainError('not_found', 'organisation_not_found', 'Organisation introuvable.');
  }
  const organisation = input.organisationId ? deps.store.organisations.get(input.organisationId) : undefined;
  if (organisation?.archivedAt) throw archived();
  // Checked before the account exists, so a refused role leaves no account behind.
  if (organisation && role) requireRoleFits(organisation, role);
  const existing = deps.store.users.findByEmail(input.email);
  const administersInstallation = deps.policy.can(user, { action: 'installation.administer' });
  if (existing && administersInstallation) {
    throw new DomainError('conflict', 'email_taken', 'Un compte existe déjà avec cette adresse.', [{ path: 'email', message: 'Adresse déjà utilisée.' }]);
  }
  if (existing) {
    // Same shape as a new invitation (a deactivated account gets the role too, and stays deactivated).
    grantOrganisationRole(deps, user, input.organisationId!, { userId: existing.id, role: role! });
    const emailed = deps.mailer !== null && (await notifyRole(deps, existing, input.organisationId!));
    return { id: existing.id, expiresAt: null, emailed };
  }
  const id = deps.store.transaction(() => {
    const created = deps.store.users.create({ email: input.email, name: input.name, passwordHash: '', isAdmin: false, function: input.function });
    deps.store.audit.append({
      actorId: user.id,
      actorName: user.name,
      action: 'user.invite',
      subjectType: 'user',
      subjectId: created,
      details: { email: input.email, name: input.name, function: input.function ?? '', organisationId: input.organisationId ?? null, role: role ?? null },
    });
    return created;
  });
  if (input.organisationId && role) grantOrganisationRole(deps, user, input.organisationId, { userId: id, role });
  const issued = await issueLink(deps, deps.store.users.get(id)!, 'invitation', user.id, baseUrl);
  if (!administersInstallation) return { id, expiresAt: null, emailed: issued.emailed };
  return { id, expiresAt: issued.expiresAt, emailed: issued.emailed, ...(issued.emailed ? {} : { link: issued.url }) };
}

async function notifyRole(deps: Pick<Deps, 'mailer' | 'store' | 'logger'>, person: UserRecord, organisationId: string): Promise<boolean> {
  const org = deps.store.organisations.get(organisationId);
  try {
    await deps.mailer!.send({
      to: person.email,
      subject: '[Atelier PMP] Nouveau rôle',
      text: `Bonjour ${person.name},\n\nUn rôle vous a été donné dans ${org?.name ?? 'une organisation'} sur l’Atelier PMP. Connectez-vous avec votre compte habituel.\n`,
    });
    return true;
  } catch (error) {
    deps.logger.warn('role notice e-mail failed', { error: String(error) });
    return false;
  }
}

/** Who may manage the account; 404 for an account the caller may not even see. */
function manageable(deps: Deps, user: UserRecord, userId: string): UserRecord {
  const target = deps.store.users.get(userId);
  if (!target) throw userNotFound();
  if (!deps.policy.can(user, { action: 'user.manage', userId })) {
    if (!visibleTo(deps, user).has(userId)) throw userNotFound();
    throw new DomainError('forbidden', 'forbidden', 'Seuls l’administrateur et les administrateurs de ses organisations gèrent ce compte.');
  }
  return target;
}

/** A new invitation link for an account that has not chosen its password yet (the earlier one voided). */
export async function resendInvitation(deps: Deps, user: UserRecord, userId: string, baseUrl: string): Promise<InvitationAnswer> {
  const target = manageable(deps, user, userId);
  if (!isPending(deps, target) || target.deactivatedAt) {
    throw new DomainError(
      'conflict',
      'not_pending',
      'Ce compte a déjà choisi son mot de passe (ou est désactivé) : « mot de passe oublié » lui envoie un lien.',
    );
  }
  const issued = await issueLink(deps, target, 'invitation', user.id, baseUrl);
  deps.store.audit.append({
    actorId: user.id,
    actorName: user.name,
    action: 'user.invite.resend',
    subjectType: 'user',
    subjectId: target.id,
    details: { emailed: issued.emailed },
  });
  return {
    id: target.id,
    expiresAt: issued.expiresAt,
    emailed: issued.emailed,
    ...(deps.policy.can(user, { action: 'installation.administer' }) && !issued.emailed ? { link: issued.url } : {}),
  };
}

/** Name and function, by the person (PATCH /api/me) or who manages the account; audited with before and after. */
export function updatePerson(deps: Deps, user: UserRecord, userId: string, changes: { name?: string; function?: string }): void {
  const target = userId === user.id ? user : manageable(deps, user, userId);
  const diff: Record<string, { before: string; after: string }> = {};
  if (changes.name !== undefined && changes.name !== target.name) diff.name = { before: target.name, after: changes.name };
  if (changes.function !== undefined && changes.function !== target.function) diff.function = { before: target.function, after: changes.function };
  if (Object.keys(diff).length === 0) return;
  deps.store.transaction(() => {
    deps.store.users.setProfile(target.id, changes);
    deps.store.audit.append({
      actorId: user.id,
      actorName: user.name,
      action: 'user.update',
      subjectType: 'user',
      subjectId: target.id,
      details: { changes: diff },
    });
  });
}

/**
 * Deactivates an account at once: its sessions, collaboration tokens and unused links end,
 * and its open collaboration sockets close (4403, no reconnection). Never one's own account,
 * nor the last active administrator. Audited.
 */
export function deactivatePerson(deps: Deps, user: UserRecord, userId: string): void {
  if (userId === user.id) throw new DomainError('conflict', 'self_deactivation', 'Vous ne pouvez pas désactiver votre propre compte.');
  const target = manageable(deps, user, userId);
  if (target.deactivatedAt) return;
  if (target.isAdmin && deps.store.users.activeAdminCount() <= 1) throw new DomainError('conflict', 'last_admin', 'C’est le dernier administrateur actif.');
  deps.store.transaction(() => {
    deps.store.users.setDeactivated(target.id, user.id);
    deps.store.sessions.deleteAllOf(target.id);
    deps.store.accountLinks.voidAll(target.id);
    deps.store.audit.append({
      actorId: user.id,
      actorName: user.name,
      action: 'user.deactivate',
      subjectType: 'user',
      subjectId: target.id,
      details: { user: target.name },
    });
  });
  deps.sockets.revoke({ userId: target.id }, 'deactivated');
}

export function reactivatePerson(deps: Deps, user: UserRecord, userId: string): void {
  const target = manageable(deps, user, userId);
  if (!target.deactivatedAt) return;
  deps.store.transaction(() => {
    deps.store.users.setDeactivated(target.id, null);
    deps.store.audit.append({
      actorId: user.id,
      actorName: user.name,
      action: 'user.reactivate',
      subjectType: 'user',
      subjectId: target.id,
      details: { user: target.name },
    });
  });
}

/**
 * The accounts the user may see: all for an administrator; otherwise the holders of a role in
 * an organisation of the user's family (and the user). Deactivated accounts included (the caller filters).
 */
export function visibleTo(deps: Pick<Deps, 'store' | 'policy'>, user: UserRecord): Set<string> {
  if (deps.policy.can(user, { action: 'installation.administer' })) return new Set(deps.store.users.allIds());
  const ids = new Set([user.id]);
  for (const org of deps.store.organisations.list()) {
    if (!deps.policy.can(user, { action: 'organisation.view', organisationId: org.id })) continue;
    for (const holder of deps.store.organisations.holders(org.id)) ids.add(holder.userId);
  }
  return ids;
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * Accounts the user may see whose name or e-mail contains the query (accents and case ignored),
 * 20 at most; active ones only, unless an administrator asks for deactivated ones too.
 */
export function searchPeople(deps: Pick<Deps, 'store' | 'policy'>, user: UserRecord, query: string, withInactive = false): UserRecord[] {
  const seesAll = deps.policy.can(user, { action: 'installation.administer' });
  if (withInactive && !seesAll) throw new DomainError('forbidden', 'forbidden', 'Seul un administrateur voit les comptes désactivés.');
  const needle = fold(query.trim());
  return (seesAll ? deps.store.users.all() : deps.store.users.many([...visibleTo(deps, user)]))
    .filter((u) => (withInactive || u.deactivatedAt === null) && (fold(u.name).includes(needle) || u.email.includes(needle)))
    .slice(0, 20);
}
