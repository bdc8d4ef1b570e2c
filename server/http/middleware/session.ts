import type { RequestHandler } from 'express';
import { readSessionToken } from '../../auth/sessionCookie';
import type { Store } from '../../store';
import type { UserRecord } from '../../store/users';
import { HttpError } from '../errors';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      user?: UserRecord;
      sessionToken?: string;
    }
  }
}

/** Attaches the signed-in user, if the session cookie names a live session. */
export function loadSession(store: Store): RequestHandler {
  return (req, _res, next) => {
    const token = readSessionToken(req.headers.cookie);
    const userId = token ? store.sessions.userIdFor(token) : undefined;
    const user = userId ? store.users.get(userId) : undefined;
    if (user) {
      req.user = user;
      req.sessionToken = token;
    }
    next();
  };
}

export const requireUser: RequestHandler = (req, _res, next) =>
  next(req.user ? undefined : new HttpError(401, 'unauthenticated', 'Connexion requise.'));

/** The signed-in user of a request that went through `requireUser`. */
export function currentUser(req: Express.Request): UserRecord {
  if (!req.user) throw new HttpError(401, 'unauthenticated', 'Connexion requise.');
  return req.user;
}
