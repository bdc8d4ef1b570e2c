import type { RequestHandler } from 'express';
import { authenticate } from '../../auth/authenticate';
import type { Store } from '../../store';
import type { UserRecord } from '../../store/users';
import { HttpError } from '../errors';
import { refuseBeforeBody } from './beforeBody';

declare global {
  namespace Express {
    interface Request {
      user?: UserRecord;
      sessionToken?: string;
      /** Hash of the session token, what collaboration sockets are bound to. */
      sessionHash?: string;
    }
  }
}

/** Attaches the signed-in user, if the session cookie names a live session. */
export function loadSession(store: Store): RequestHandler {
  return (req, _res, next) => {
    const who = authenticate(store, { cookieHeader: req.headers.cookie });
    if (who) {
      req.user = who.user;
      req.sessionToken = who.sessionToken;
      req.sessionHash = who.sessionHash;
    }
    next();
  };
}

/** 401 without a session; a body still coming is not read (refuseBeforeBody): an upload's, say. */
export const requireUser: RequestHandler = (req, res, next) =>
  req.user ? next() : refuseBeforeBody(req, res, next, new HttpError(401, 'unauthenticated', 'Connexion requise.'));

/** The signed-in user of a request that went through `requireUser`. */
export function currentUser(req: Express.Request): UserRecord {
  if (!req.user) throw new HttpError(401, 'unauthenticated', 'Connexion requise.');
  return req.user;
}
