import { type Request, type RequestHandler, type Response, Router } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { LoginBody, PasswordChangeBody, type SignedIn, type SignedOut } from '../../../schemas/api/auth';
import type { CurrentUserView } from '../../../schemas/api/projects';
import { normaliseEmail } from '../../../schemas/user';
import { clearedSessionCookie, sessionCookie } from '../../auth/sessionCookie';
import type { OidcClient } from '../../auth/oidcClient';
import { changePassword, login, logout } from '../../commands/accounts';
import type { Deps } from '../../deps';
import { secureCookies } from '../../config';
import { DomainError } from '../../errors';
import { HttpError } from '../errors';
import { presentUser } from '../presenters/users';
import { currentUser, requireUser } from '../middleware/session';
import { parse } from '../middleware/validate';

/**
 * The e-mail as accounts are stored (trimmed, lower-case), written back into the body before
 * the limiters read it: " Alice@X.fr" and "alice@x.fr" are one account, one counter.
 */
const normaliseLoginEmail: RequestHandler = (req, _res, next) => {
  if (typeof req.body?.email === 'string') req.body.email = normaliseEmail(req.body.email);
  next();
};

/**
 * Failed attempts in 15 minutes under one key; a success does not count, nor what `failed`
 * says is not a failure (default: any 4xx or 5xx answer).
 */
export function failureLimiter(
  limit: number,
  keyGenerator: (req: Request) => string,
  options: { message?: string; failed?: (res: Response) => boolean } = {},
): RequestHandler {
  const message = options.message ?? 'Trop de tentatives de connexion. Réessayez dans quelques minutes.';
  const failed = options.failed ?? ((res: Response) => res.statusCode >= 400);
  return rateLimit({
    windowMs: 15 * 60 * 1000,
    limit,
    skipSuccessfulRequests: true,
    requestWasSuccessful: (_req, res) => !failed(res),
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator,
    handler: (_req, _res, next) => next(new HttpError(429, 'too_many_attempts', message)),
  });
}

/** 403 while password login is off (PMP_PASSWORD_LOGIN=0): accounts sign in through the directory. */
export const passwordLoginAllowed =
  (deps: Deps): RequestHandler =>
  (_req, _res, next) =>
    next(
      deps.config.passwordLogin
        ? undefined
        : new HttpError(
            403,
            'password_login_disabled',
            'La connexion par mot de passe est désactivée : utilisez « Se connecter avec l’annuaire de l’établissement ».',
          ),
    );

export function authRoutes(deps: Deps, sso?: OidcClient): Router {
  const router = Router();
  // Two counters, as docs/API.md says: one per client address (many accounts tried from one
  // place) and one per account (one account tried from many places).
  const perAddress = failureLimiter(deps.config.loginAttemptsPerAddress, (req) => ipKeyGenerator(req.ip ?? ''));
  const perAccount = failureLimiter(deps.config.loginAttempts, (req) => `account|${String(req.body?.email ?? '')}`);

  router.post('/auth/login', passwordLoginAllowed(deps), normaliseLoginEmail, perAddress, perAccount, async (req, res) => {
    const body = parse(LoginBody, req.body);
    const { user, token } = await login(deps, body);
    res.setHeader('Set-Cookie', sessionCookie(token, secureCookies(deps.config)));
    const answer: SignedIn = { user: presentUser(user) };
    res.json(answer);
  });

  router.post('/auth/logout', async (req, res) => {
    const { idToken } = logout(deps, { token: req.sessionToken, hash: req.sessionHash, userId: req.user?.id });
    res.setHeader('Set-Cookie', clearedSessionCookie(secureCookies(deps.config)));
    // A session opened through the directory also ends there, when the provider allows it.
    const endSessionUrl = idToken && sso ? await sso.endSessionUrl(idToken) : undefined;
    if (endSessionUrl) return void res.json({ endSessionUrl } satisfies SignedOut);
    res.status(204).end();
  });

  router.get('/me', requireUser, (req, res) => {
    const user = currentUser(req);
    // What the screens offer: an action the account cannot perform is not shown (an ARS reader never creates a project).
    const me: CurrentUserView = { ...presentUser(user), canCreateProjects: deps.policy.can(user, { action: 'project.create', organisationId: null }) };
    res.json(me);
  });

  // A stolen session must not be a way to guess the current password: same limit as logins.
  // Only a wrong current password counts: a refused weak new one is not a guess.
  const perUser = failureLimiter(deps.config.loginAttempts, (req) => `password|${req.user?.id ?? ''}`, {
    message: 'Trop de tentatives de changement de mot de passe. Réessayez dans quelques minutes.',
    failed: (res) => res.locals.wrongCurrentPassword === true,
  });
  router.post('/me/password', requireUser, perUser, async (req, res) => {
    const body = parse(PasswordChangeBody, req.body);
    try {
      await changePassword(deps, currentUser(req), req.sessionToken!, body);
    } catch (error) {
      if (error instanceof DomainError && error.fields?.some((f) => f.path === 'currentPassword')) res.locals.wrongCurrentPassword = true;
      throw error;
    }
    res.status(204).end();
  });
  return router;
}
