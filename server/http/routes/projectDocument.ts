import { Router } from 'express';
import { z } from 'zod';
import { checkCompleteness } from '../../../schemas/completeness';
import type { Deps } from '../../commands/deps';
import { findReadableProject } from '../../commands/projects';
import { currentUser, requireUser } from '../middleware/session';
import { parse } from '../middleware/validate';

const ProjectParams = z.object({ id: z.string().min(1).max(64).regex(/^[A-Za-z0-9-]+$/, 'identifiant invalide') });

/** Read-only views computed from a project's live document. */
export function projectDocumentRoutes(deps: Deps): Router {
  const router = Router();
  router.get('/projects/:id/completeness', requireUser, (req, res) => {
    const { id } = parse(ProjectParams, req.params, 'chemin');
    findReadableProject(deps, currentUser(req), id);
    res.json(checkCompleteness(deps.registry.get(id).doc));
  });
  return router;
}
