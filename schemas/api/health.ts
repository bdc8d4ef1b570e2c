/** GET /api/health: 200 `ok`, or 503 `degraded` while the store refuses writes or the disk is nearly full (docs/ARCHITECTURE.md). */
export type HealthView =
  | { status: 'ok'; disk: DiskView }
  | { status: 'degraded'; storage: 'low_disk'; disk: DiskView }
  | { status: 'degraded'; storage: 'unavailable'; since: string; disk: DiskView };

export interface DiskView {
  freeBytes: number;
  minFreeBytes: number;
}
