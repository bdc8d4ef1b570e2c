import { timingSafeEqual } from 'node:crypto';
import { Router } from 'express';
import { authenticate } from '../../auth/authenticate';
import type { Metrics } from '../../metrics/metrics';
import type { Policy } from '../../policies/can';
import type { Store } from '../../store';
import { HttpError } from '../errors';

/** A configured token, compared in constant time. */
function tokenMatches(header: string | undefined, token: string | undefined): boolean {
  if (!token || !header?.startsWith('Bearer ')) return false;
  const given = Buffer.from(header.slice('Bearer '.length));
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * `GET /metrics`, Prometheus text format: for a scraper holding PMP_METRICS_TOKEN
 * (`Authorization: Bearer …`) or an administrator's session. Anyone else gets 401 (no
 * credentials) or 403 (a session that is not an administrator's): the figures say how busy the
 * server is and when it was last backed up.
 */
export function metricsRoutes(deps: { store: Store; policy: Policy; metricsToken?: string; metrics: Metrics }): Router {
  const router = Router();
  router.get('/metrics', async (req, res, next) => {
    try {
      if (!tokenMatches(req.headers.authorization, deps.metricsToken)) {
        const who = authenticate(deps.store, { cookieHeader: req.headers.cookie });
        if (!who) throw new HttpError(401, 'unauthenticated', 'Connexion d’un administrateur ou jeton PMP_METRICS_TOKEN requis.');
        if (!deps.policy.can(who.user, { action: 'installation.administer' }))
          throw new HttpError(403, 'forbidden', 'Les métriques sont réservées aux administrateurs.');
      }
      res.setHeader('Cache-Control', 'no-store');
      const { contentType, body } = await deps.metrics.scrape();
      res.type(contentType).send(body);
    } catch (error) {
      next(error);
    }
  });
  return router;
}
