import { Router } from 'express';
import { z } from 'zod';
import type { Deps } from '../../deps';
import { listBin, restoreFromBin } from '../../commands/recordBin';
import { currentUser, requireUser } from '../middleware/session';
import { parse } from '../middleware/validate';
import { Id, ProjectParams } from '../params';

const EntryParams = z.object({ id: Id, seq: z.coerce.number().int().positive() });

/** The bin of removed records (commands/recordBin.ts): coordinators list it and restore from it. */
export function recordBinRoutes(deps: Deps): Router {
  const router = Router();
  router.get('/projects/:id/bin', requireUser, (req, res) => {
    const { id } = parse(ProjectParams, req.params, 'chemin');
    res.json(listBin(deps, currentUser(req), id));
  });
  router.post('/projects/:id/bin/:seq/restore', requireUser, (req, res) => {
    const { id, seq } = parse(EntryParams, req.params, 'chemin');
    res.json(restoreFromBin(deps, currentUser(req), id, seq));
  });
  return router;
}
