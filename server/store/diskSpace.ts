import fs from 'node:fs';

/**
 * Free space of the data directory (fs.statfs), checked against PMP_MIN_FREE_BYTES before
 * writes: below the floor, writes are refused cleanly (HTTP 507, editors closed with 4503 by the
 * document store) instead of SQLite or the journal failing half-way on a full disk. The figure is
 * cached for a second: a burst of keystrokes does not make a system call each.
 */
export class DiskSpace {
  private checkedAt = 0;
  private free = Number.POSITIVE_INFINITY;

  constructor(
    private readonly dir: string,
    /** Read at each check, so the floor can be changed without a restart (and in tests). */
    private readonly floor: () => number,
    private readonly cacheMs = 1000,
  ) {}

  freeBytes(): number {
    const now = Date.now();
    if (now - this.checkedAt >= this.cacheMs) {
      try {
        const stats = fs.statfsSync(this.dir);
        this.free = stats.bavail * stats.bsize;
      } catch {
        // A directory we cannot stat will fail its writes anyway; report it as full.
        this.free = 0;
      }
      this.checkedAt = now;
    }
    return this.free;
  }

  get minFreeBytes(): number {
    return this.floor();
  }

  low(): boolean {
    return this.freeBytes() < this.floor();
  }
}
