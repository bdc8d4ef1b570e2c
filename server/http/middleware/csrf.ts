import type { RequestHandler } from 'express';
import { isCrossOrigin } from '../../auth/sessionCookie';
import { HttpError } from '../errors';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * State-changing requests must come from our own pages: a cross-site Origin is refused, and a
 * request without Origin must be JSON (a cross-site form cannot send JSON without a CORS
 * preflight, which this server never grants). Together with SameSite=Lax cookies.
 */
export const csrfGuard: RequestHandler = (req, _res, next) => {
  if (safeMethods.has(req.method)) return next();
  if (isCrossOrigin(req.headers.origin, req.headers.host)) {
    return next(new HttpError(403, 'cross_origin', 'Requête refusée : origine non autorisée.'));
  }
  if (!req.headers.origin && !/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
    return next(new HttpError(415, 'json_required', 'Les requêtes de modification doivent être en JSON (Content-Type: application/json).'));
  }
  next();
};
