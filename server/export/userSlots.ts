import { exportInProgress } from './errors';

/** What a user may have one of at a time: an ad-hoc PDF, an ad-hoc DOCX, a package being built. */
export type UserExportFormat = 'pdf' | 'docx' | 'package';

/** Seconds a refused client is told to wait (a 100-page PDF takes 2–7 s, a DOCX under 1 s). */
const retryAfterSeconds: Record<UserExportFormat, number> = { pdf: 5, docx: 2, package: 10 };

/**
 * One export of each format per user, running or waiting: the next one from the same user is
 * refused at once with 429 rather than queued, so that one user holding many requests cannot
 * fill the shared line (the line is for different users). Refusing is honest: the client knows
 * at once, and its first export still comes.
 */
export class UserExportSlots {
  private readonly held = new Set<string>();

  async hold<T>(userId: string, format: UserExportFormat, task: () => Promise<T>): Promise<T> {
    const key = `${format}:${userId}`;
    if (this.held.has(key)) throw exportInProgress(format, retryAfterSeconds[format]);
    this.held.add(key);
    try {
      return await task();
    } finally {
      this.held.delete(key);
    }
  }
}
