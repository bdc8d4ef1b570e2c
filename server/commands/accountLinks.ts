import { hashPassword } from '../auth/password';
import { sessionTtlMs } from '../auth/sessionCookie';
import { DomainError } from '../errors';
import type { AccountLinkView } from '../../schemas/api/auth';
import type { AccountLinkPurpose } from '../store/accountLinks';
import type { UserRecord } from '../store/users';
import { requireStrongPassword } from './accounts';
import type { Deps } from '../deps';

/** An invitation leaves three days to answer (issue 18); a forgotten-password link, two hours. */
export const linkTtlMs: Record<AccountLinkPurpose, number> = { invitation: 72 * 3600_000, reset: 2 * 3600_000 };

/** Where the editor opens a link (the secret after `#`, so it never reaches a server log). */
const linkPath: Record<AccountLinkPurpose, string> = { invitation: '/#/invitation/', reset: '/#/mot-de-passe/' };

const mailText: Record<AccountLinkPurpose, (name: string, url: string, expires: string) => { subject: string; text: string }> = {
  invitation: (name, url, expires) => ({
    subject: '[Atelier PMP] Invitation',
    text: `Bonjour ${name},\n\nVous êtes invité(e) sur l’Atelier PMP. Choisissez votre mot de passe avec ce lien, valable jusqu’au ${expires} :\n\n${url}\n\nSi vous n’attendiez pas cette invitation, ignorez ce message.\n`,
  }),
  reset: (name, url, expires) => ({
    subject: '[Atelier PMP] Nouveau mot de passe',
    text: `Bonjour ${name},\n\nUne demande de nouveau mot de passe a été faite pour votre compte. Choisissez-le avec ce lien, valable jusqu’au ${expires} :\n\n${url}\n\nSi vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre mot de passe actuel reste valable.\n`,
  }),
};

const parisTime = (iso: string) => new Date(iso).toLocaleString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long', timeStyle: 'short' });

export interface IssuedLink {
  expiresAt: string;
  /** Sent by e-mail (SMTP configured and the message accepted). */
  emailed: boolean;
  /** The link itself, for the caller to hand over when it was not e-mailed. */
  url: string;
}

/**
 * Issues a link for the account (voiding its earlier ones) and e-mails it when SMTP is
 * configured. `baseUrl`: PMP_PUBLIC_URL, or the inviting administrator's own origin.
 */
export async function issueLink(
  deps: Pick<Deps, 'store' | 'mailer' | 'logger'>,
  target: UserRecord,
  purpose: AccountLinkPurpose,
  createdBy: string | null,
  baseUrl: string,
): Promise<IssuedLink> {
  const { token, expiresAt } = deps.store.accountLinks.issue({ userId: target.id, purpose, createdBy, ttlMs: linkTtlMs[purpose] });
  const url = `${baseUrl.replace(/\/+$/, '')}${linkPath[purpose]}${token}`;
  let emailed = false;
  if (deps.mailer) {
    try {
      await deps.mailer.send({ to: target.email, ...mailText[purpose](target.name, url, parisTime(expiresAt)) });
      emailed = true;
    } catch (error) {
      deps.logger.warn('account link e-mail failed', { purpose, error: String(error) });
    }
  }
  return { expiresAt, emailed, url };
}

const invalidLink = () => new DomainError('not_found', 'link_invalid', 'Ce lien n’est plus valable (utilisé, remplacé ou expiré). Demandez-en un nouveau.');

/** What a link is for and whose account it opens (for the page that asks for the password). */
export function describeLink(deps: Pick<Deps, 'store'>, token: string): AccountLinkView {
  const link = deps.store.accountLinks.find(token);
  const user = link && deps.store.users.get(link.userId);
  if (!link || !user || user.deactivatedAt) throw invalidLink();
  return { purpose: link.purpose, email: user.email, name: user.name, expiresAt: link.expiresAt };
}

/**
 * Sets the account's password from a link of this purpose, once: the link is used, the
 * account's other links voided, every session it had ended (and their sockets closed), and a
 * new session opened. Audited, without password material.
 */
export async function useLink(
  deps: Pick<Deps, 'store' | 'sockets'>,
  input: { token: string; password: string; purpose: AccountLinkPurpose },
): Promise<{ user: UserRecord; token: string }> {
  const link = deps.store.accountLinks.find(input.token);
  const user = link && link.purpose === input.purpose ? deps.store.users.get(link.userId) : undefined;
  if (!link || !user || user.deactivatedAt) throw invalidLink();
  await requireStrongPassword(input.password, { email: user.email, name: user.name }, 'password');
  const passwordHash = await hashPassword(input.password);
  const session = deps.store.transaction(() => {
    if (!deps.store.accountLinks.use(input.token)) throw invalidLink();
    deps.store.accountLinks.voidAll(user.id);
    deps.store.users.setPasswordHash(user.id, passwordHash);
    deps.store.sessions.deleteAllOf(user.id);
    deps.store.audit.append({
      actorId: user.id,
      actorName: user.name,
      action: input.purpose === 'invitation' ? 'user.invitation.accept' : 'user.password.reset',
      subjectType: 'user',
      subjectId: user.id,
      details: {},
    });
    return deps.store.sessions.create(user.id, sessionTtlMs);
  });
  // Whoever held the old password may have had an editor open: it must stop writing.
  deps.sockets.revoke({ userId: user.id }, 'loggedOut');
  return { user: deps.store.users.get(user.id)!, token: session };
}

/**
 * "Mot de passe oublié": the same answer whatever the address (no account enumeration); for an
 * active account, and only when e-mail and PMP_PUBLIC_URL are configured (never a link built on
 * a request's Host header, which a requester chooses), a reset link is sent. The e-mail goes out
 * after the answer, so the time taken says nothing either.
 */
export function requestPasswordReset(deps: Pick<Deps, 'store' | 'mailer' | 'logger' | 'config'>, email: string): void {
  const user = deps.store.users.findByEmail(email);
  if (!user || user.deactivatedAt) return;
  const baseUrl = deps.config.publicUrl;
  if (!deps.mailer || !baseUrl) {
    deps.logger.warn('password reset asked but e-mail or PMP_PUBLIC_URL is not configured');
    return;
  }
  setImmediate(() => {
    issueLink(deps, user, 'reset', null, baseUrl)
      .then((issued) =>
        deps.store.audit.append({
          actorId: null,
          actorName: 'serveur',
          action: 'user.password.reset_link',
          subjectType: 'user',
          subjectId: user.id,
          details: { emailed: issued.emailed, expiresAt: issued.expiresAt },
        }),
      )
      .catch((error: unknown) => deps.logger.error('password reset link failed', { error: String(error) }));
  });
}
