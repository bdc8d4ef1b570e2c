import { Router, type Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { AuthConfigView } from '../../../schemas/api/auth';
import { HttpError } from '../errors';
import { returnRoute, type SsoErrorCode } from '../../../schemas/sso';
import { OidcRefusal, type OidcClient } from '../../auth/oidcClient';
import { readCookie, sessionCookie } from '../../auth/sessionCookie';
import { SsoRefusal, signInWithSso } from '../../commands/sso';
import type { Deps } from '../../deps';
import { secureCookies } from '../../config';
import { newToken } from '../../store/sessions';

/** Ties a sign-in under way to the browser that started it (no login CSRF, no state replayed elsewhere). */
const bindingCookieName = 'pmp_oidc';
const bindingPath = '/api/auth/oidc';
const loginTtlMs = 10 * 60 * 1000;
const ssoOff = () => new HttpError(404, 'sso_off', 'La connexion par l’annuaire n’est pas configurée.');

function bindingCookie(value: string, maxAgeSeconds: number, secure: boolean): string {
  // Lax: the provider brings the browser back with a top-level GET, which carries Lax cookies.
  return [`${bindingCookieName}=${value}`, `Path=${bindingPath}`, 'HttpOnly', 'SameSite=Lax', `Max-Age=${maxAgeSeconds}`, ...(secure ? ['Secure'] : [])].join(
    '; ',
  );
}

/**
 * What the login page needs to know, and the two legs of the authorization code flow:
 * /auth/oidc/login sends the browser to the provider, /auth/oidc/callback opens a session.
 * Refusals go back to the login page with a code only (schemas/sso.ts).
 */
export function oidcRoutes(deps: Deps, sso: OidcClient | undefined): Router {
  const router = Router();
  const secure = secureCookies(deps.config);
  const publicUrl = deps.config.publicUrl ?? '';
  const refuse = (res: Response, code: SsoErrorCode): void => {
    res.redirect(303, `${publicUrl}/?sso_error=${code}#/connexion`);
  };

  router.get('/auth/config', (_req, res) => {
    const view: AuthConfigView = { sso: sso !== undefined, passwordLogin: deps.config.passwordLogin };
    res.json(view);
  });

  // Each start stores a sign-in under way for 10 minutes: a flood from one address must not fill the database.
  const starts = rateLimit({
    windowMs: 15 * 60 * 1000,
    limit: deps.config.loginAttemptsPerAddress * 3,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => `oidc|${ipKeyGenerator(req.ip ?? '')}`,
    handler: (_req, _res, next) => next(new HttpError(429, 'too_many_attempts', 'Trop de tentatives de connexion. Réessayez dans quelques minutes.')),
  });

  router.get('/auth/oidc/login', starts, async (req, res) => {
    if (!sso) throw ssoOff();
    // Only an editor route comes back from the query: the redirect stays on this site.
    const asked = typeof req.query.returnTo === 'string' ? req.query.returnTo : '';
    const returnTo = returnRoute.test(asked) ? asked : '#/projets';
    try {
      const { login, url } = await sso.start(returnTo);
      const binding = newToken();
      deps.store.oidc.startLogin(binding, login, loginTtlMs);
      res.setHeader('Set-Cookie', bindingCookie(binding, loginTtlMs / 1000, secure));
      res.redirect(303, url);
    } catch (error) {
      if (error instanceof OidcRefusal) return refuse(res, error.code);
      throw error;
    }
  });

  router.get('/auth/oidc/callback', async (req, res) => {
    if (!sso) throw ssoOff();
    res.setHeader('Set-Cookie', bindingCookie('', 0, secure));
    const binding = readCookie(req.headers.cookie, bindingCookieName);
    // Taken once: a replayed or foreign answer finds nothing to complete.
    const pending = binding ? deps.store.oidc.takeLogin(binding) : undefined;
    if (!pending) return refuse(res, 'sso_expired');
    try {
      const q = req.originalUrl.indexOf('?');
      const { claims, idToken } = await sso.finish(q >= 0 ? req.originalUrl.slice(q) : '', pending);
      const { user, token } = signInWithSso(deps, claims, idToken);
      deps.logger.info('sso sign-in', { userId: user.id });
      res.setHeader('Set-Cookie', [bindingCookie('', 0, secure), sessionCookie(token, secure)]);
      res.redirect(303, `${publicUrl}/${pending.returnTo}`);
    } catch (error) {
      if (error instanceof OidcRefusal || error instanceof SsoRefusal) {
        deps.logger.info('sso sign-in refused', { code: error.code });
        return refuse(res, error.code);
      }
      throw error;
    }
  });
  return router;
}
