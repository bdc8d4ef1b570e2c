import { Router } from 'express';
import type { DiskView, HealthView } from '../../../schemas/api/health';
import type { DiskSpace } from '../../store/diskSpace';
import type { DocumentStore } from '../../store/documents';

/**
 * 200 `{status:'ok', disk}`, or 503 `{status:'degraded', storage, since?, disk}` while the
 * document store refuses writes (`unavailable`) or the data directory has less free space than
 * PMP_MIN_FREE_BYTES (`low_disk`): editors are then closed with 4503 instead of losing work, and
 * a load balancer or monitor sees it before users complain.
 */
export function healthRoutes(deps: { store: { documents: DocumentStore; disk: DiskSpace } }): Router {
  const router = Router();
  router.get('/health', (_req, res) => {
    const { disk } = deps.store;
    const space: DiskView = { freeBytes: disk.freeBytes(), minFreeBytes: disk.minFreeBytes };
    const send = (status: number, view: HealthView) => res.status(status).json(view);
    if (disk.low()) return void send(503, { status: 'degraded', storage: 'low_disk', disk: space });
    const health = deps.store.documents.writeHealth();
    if (!health.writable) return void send(503, { status: 'degraded', storage: 'unavailable', since: health.since, disk: space });
    send(200, { status: 'ok', disk: space });
  });
  return router;
}
