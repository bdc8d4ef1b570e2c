import { now } from './db';

/** Whether the document store accepts writes (disk full, read-only file, I/O errors…). */
export type StoreWriteHealth = { writable: true } | { writable: false; error: string; since: string };

const writable: StoreWriteHealth = Object.freeze({ writable: true });

/**
 * The outcome of a store's last write, remembered so /api/health can report a store that
 * refuses writes before anyone loses work: a failure keeps the time and error of the first one
 * until a write succeeds again.
 */
export class WriteHealthTracker {
  private health: StoreWriteHealth = writable;

  get current(): StoreWriteHealth {
    return this.health;
  }

  failed(error: unknown): void {
    if (this.health.writable) this.health = { writable: false, error: String(error), since: now() };
  }

  succeeded(): void {
    this.health = writable;
  }
}
