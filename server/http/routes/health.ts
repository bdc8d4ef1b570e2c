import { Router } from 'express';
import type { DocumentStore } from '../../store/documents';

/**
 * 200 `{status:'ok'}`, or 503 `{status:'degraded', storage:'unavailable', since}` while the
 * document store refuses writes: editors are then closed with 4503 instead of losing work, and
 * a load balancer or monitor sees it before users complain.
 */
export function healthRoutes(deps: { store: { documents: DocumentStore } }): Router {
  const router = Router();
  router.get('/health', (_req, res) => {
    const health = deps.store.documents.writeHealth();
    if (!health.writable) {
      res.status(503).json({ status: 'degraded', storage: 'unavailable', since: health.since });
      return;
    }
    res.json({ status: 'ok' });
  });
  return router;
}
