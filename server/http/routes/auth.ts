import { Router } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { z } from 'zod';
import { Email } from '../../../schemas/user';
import { limits } from '../../../schemas/limits';
import { clearedSessionCookie, sessionCookie } from '../../auth/sessionCookie';
import { login } from '../../commands/accounts';
import type { Deps } from '../../commands/deps';
import { HttpError } from '../errors';
import { presentUser } from '../presenters';
import { currentUser, requireUser } from '../middleware/session';
import { parse } from '../middleware/validate';

const LoginBody = z.object({ email: Email, password: z.string().min(1).max(limits.passwordMaxLength) });

export function authRoutes(deps: Deps): Router {
  const router = Router();
  // Failed attempts per address and account; a success does not count.
  const loginLimiter = rateLimit({
    windowMs: 15 * 60 * 1000,
    limit: deps.config.loginAttempts,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => `${ipKeyGenerator(req.ip ?? '')}|${String(req.body?.email ?? '').toLowerCase()}`,
    handler: (_req, _res, next) =>
      next(new HttpError(429, 'too_many_attempts', 'Trop de tentatives de connexion. Réessayez dans quelques minutes.')),
  });

  router.post('/auth/login', loginLimiter, async (req, res) => {
    const body = parse(LoginBody, req.body);
    const { user, token } = await login(deps, body);
    res.setHeader('Set-Cookie', sessionCookie(token, deps.config.cookieSecure));
    res.json({ user: presentUser(user) });
  });

  router.post('/auth/logout', (req, res) => {
    if (req.sessionToken) deps.store.sessions.delete(req.sessionToken);
    res.setHeader('Set-Cookie', clearedSessionCookie(deps.config.cookieSecure));
    res.status(204).end();
  });

  router.get('/me', requireUser, (req, res) => {
    res.json(presentUser(currentUser(req)));
  });
  return router;
}
