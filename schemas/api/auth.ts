import { z } from 'zod';
import { limits } from '../limits';
import { Email, Password } from '../user';
import type { UserView } from './projects';

/**
 * Sign-in, sign-out, account links and the password (docs/API.md, "Accounts and sessions"): the
 * bodies the routes parse (server/http/routes/auth.ts, accountLinks.ts) and what they answer, read
 * by the login, account-link and profile pages.
 */

export const LoginBody = z.object({ email: Email, password: z.string().min(1).max(limits.passwordMaxLength) });
export const PasswordChangeBody = z.object({ currentPassword: z.string().min(1).max(limits.passwordMaxLength), newPassword: Password });

/** The secret of an invitation or reset link, sent in the body (never in a URL a log keeps). */
const LinkToken = z
  .string()
  .min(20)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/, 'lien invalide');
export const LinkBody = z.object({ token: LinkToken });
export const SetPasswordBody = z.object({ token: LinkToken, password: Password });
export const ForgotPasswordBody = z.object({ email: Email });

/** 200 of a login or of a password chosen from a link: the session cookie comes with it. */
export interface SignedIn {
  user: UserView;
}

/** 200 of POST /api/auth/logout for a session opened through the directory (else 204). */
export interface SignedOut {
  endSessionUrl: string;
}

/** GET /api/auth/config: what the login page offers. */
export interface AuthConfigView {
  sso: boolean;
  passwordLogin: boolean;
}

export type AccountLinkPurpose = 'invitation' | 'reset';

/** POST /api/auth/link: whom a link is for, before a password is chosen. */
export interface AccountLinkView {
  purpose: AccountLinkPurpose;
  email: string;
  name: string;
  expiresAt: string;
}

/** 202 of POST /api/auth/password/forgot, whatever the address. */
export interface ForgotPasswordAnswer {
  message: string;
}
