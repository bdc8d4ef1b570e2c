import { type Request, type Response, Router } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import { type ForgotPasswordAnswer, ForgotPasswordBody, LinkBody, SetPasswordBody, type SignedIn } from '../../../schemas/api/auth';
import { limits } from '../../../schemas/limits';
import { sessionCookie } from '../../auth/sessionCookie';
import { describeLink, requestPasswordReset, useLink } from '../../commands/accountLinks';
import type { Deps } from '../../deps';
import { secureCookies } from '../../config';
import { presentUser } from '../presenters/users';
import { parse } from '../middleware/validate';
import { failureLimiter, passwordLoginAllowed } from './auth';

/**
 * Links that set a password (invitation, forgotten password): anonymous routes. The secret is
 * sent in the body (never in a URL a log keeps); links are 256-bit, and failures are limited per
 * address anyway, like logins. "Forgot" answers 202 whatever the address.
 */
export function accountLinkRoutes(deps: Deps): Router {
  const router = Router();
  const perAddress = failureLimiter(deps.config.loginAttemptsPerAddress, (req) => `link|${ipKeyGenerator(req.ip ?? '')}`, {
    message: 'Trop de tentatives. Réessayez dans quelques minutes.',
  });
  // Every request counts here, not only failures: each may send an e-mail.
  const forgotPerAddress = failureLimiter(deps.config.loginAttempts, (req) => `forgot|${ipKeyGenerator(req.ip ?? '')}`, {
    message: 'Trop de demandes. Réessayez dans quelques minutes.',
    failed: () => true,
  });
  const forgotPerAccount = failureLimiter(
    3,
    (req) =>
      `forgot|${String(req.body?.email ?? '')
        .trim()
        .toLowerCase()
        .slice(0, limits.emailLength)}`,
    {
      message: 'Trop de demandes. Réessayez dans quelques minutes.',
      failed: () => true,
    },
  );

  router.post('/auth/link', perAddress, (req, res) => {
    res.json(describeLink(deps, parse(LinkBody, req.body).token));
  });

  const setPassword = (purpose: 'invitation' | 'reset') => async (req: Request, res: Response) => {
    const body = parse(SetPasswordBody, req.body);
    const { user, token } = await useLink(deps, { ...body, purpose });
    res.setHeader('Set-Cookie', sessionCookie(token, secureCookies(deps.config)));
    const answer: SignedIn = { user: presentUser(user) };
    res.json(answer);
  };
  // With password login off (PMP_PASSWORD_LOGIN=0) a password would be a way in around the directory.
  const passwords = passwordLoginAllowed(deps);
  router.post('/auth/invitation/accept', passwords, perAddress, setPassword('invitation'));
  router.post('/auth/password/reset', passwords, perAddress, setPassword('reset'));

  router.post('/auth/password/forgot', passwords, forgotPerAddress, forgotPerAccount, (req, res) => {
    requestPasswordReset(deps, parse(ForgotPasswordBody, req.body).email);
    const answer: ForgotPasswordAnswer = {
      message: 'Si un compte actif existe avec cette adresse, un lien pour choisir un nouveau mot de passe vient de lui être envoyé.',
    };
    res.status(202).json(answer);
  });
  return router;
}
