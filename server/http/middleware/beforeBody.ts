import type { NextFunction, Request, RequestHandler, Response } from 'express';

/** A body announced that no one has read: an upload's, refused on its headers alone. */
const bodyStillComing = (req: Request): boolean =>
  !req.complete && (Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined);

/**
 * Answers a refusal decided before the body is read, and closes the connection after it when a
 * body is still coming, so that its rest is never read: to keep a connection alive Node reads
 * whatever the client sends, and a client without the right could make the server read a whole
 * upload's worth of bytes per request for nothing.
 */
export function refuseBeforeBody(req: Request, res: Response, next: NextFunction, refusal: unknown): void {
  if (bodyStillComing(req)) res.setHeader('Connection', 'close');
  next(refusal);
}

/** Runs an upload's `check` (the right to add to the project) before its body is read; a refusal as refuseBeforeBody says. */
export function checkedBeforeBody(check: (req: Request) => void): RequestHandler {
  return (req, res, next) => {
    try {
      check(req);
    } catch (refusal) {
      refuseBeforeBody(req, res, next, refusal);
      return;
    }
    next();
  };
}
