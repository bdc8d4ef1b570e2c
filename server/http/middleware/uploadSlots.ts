import type { NextFunction, Request, RequestHandler } from 'express';
import { HttpError } from '../errors';
import { currentUser } from './session';

/**
 * Answers a refused upload once its body is read and discarded (kept nowhere), so that the
 * browser, still sending, receives the answer; past `drainLimitBytes` announced, at once (the
 * connection is then dropped rather than 50 MiB read for nothing).
 */
export function refuseUpload(req: Request, next: NextFunction, refusal: unknown, drainLimitBytes: number): void {
  if (Number(req.headers['content-length'] ?? 0) > drainLimitBytes || req.complete) {
    next(refusal);
    return;
  }
  req.on('end', () => next(refusal));
  req.resume();
}

/** Uploads a user may have in flight at once, by kind, and how long a refused one is told to wait. */
export const uploadSlotLimits = {
  import: { perUser: 1, retryAfterSeconds: 5, drainLimitBytes: 8 * 1024 * 1024 },
  image: { perUser: 3, retryAfterSeconds: 2, drainLimitBytes: 8 * 1024 * 1024 },
} as const;

const messages: Record<keyof typeof uploadSlotLimits, string> = {
  import: 'Un import de document est déjà en cours pour votre compte : attendez sa fin, puis réessayez.',
  image: 'Trop d’images en cours d’envoi pour votre compte : attendez la fin des envois en cours, puis réessayez.',
};

/**
 * A per-user bound on uploads in flight (issue 22): one account sending many documents or
 * images at once would hold the server's memory (each body is read whole) and, for imports, its
 * conversion time, at everyone's expense. Taken before the body is read, given back when the
 * response ends or the client leaves; past the bound, 429 with Retry-After.
 */
export function uploadSlot(kind: keyof typeof uploadSlotLimits): RequestHandler {
  const inFlight = new Map<string, number>();
  const limit = uploadSlotLimits[kind];
  return (req, res, next) => {
    const userId = currentUser(req).id;
    const held = inFlight.get(userId) ?? 0;
    if (held >= limit.perUser) {
      const refusal = new HttpError(429, 'upload_in_progress', messages[kind], undefined, undefined, { 'Retry-After': String(limit.retryAfterSeconds) });
      refuseUpload(req, next, refusal, limit.drainLimitBytes);
      return;
    }
    inFlight.set(userId, held + 1);
    res.once('close', () => {
      const left = (inFlight.get(userId) ?? 1) - 1;
      if (left > 0) inFlight.set(userId, left);
      else inFlight.delete(userId);
    });
    next();
  };
}
