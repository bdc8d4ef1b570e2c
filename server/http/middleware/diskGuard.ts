import type { RequestHandler } from 'express';
import type { DiskSpace } from '../../store/diskSpace';
import { HttpError } from '../errors';

const reads = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Signing in and out stays possible: a session row is tiny, and people must see the message. */
const exempt = new Set(['/auth/login', '/auth/logout']);

/** Refuses state changes with 507 while the data directory is below its free-space floor. */
export function diskGuard(disk: Pick<DiskSpace, 'low'>): RequestHandler {
  return (req, _res, next) => {
    if (reads.has(req.method) || exempt.has(req.path) || !disk.low()) return next();
    next(
      new HttpError(
        507,
        'insufficient_storage',
        'Le serveur manque d’espace disque : les modifications sont refusées jusqu’à ce qu’un administrateur libère de la place. Rien n’a été enregistré.',
      ),
    );
  };
}
