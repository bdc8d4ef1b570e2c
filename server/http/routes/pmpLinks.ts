import { Router } from 'express';
import type { Deps } from '../../deps';
import { findReadableProject } from '../../commands/projects';
import { pmpItemsForProject } from '../../queries/ghtProjects';
import { currentUser, requireUser } from '../middleware/session';
import { parse } from '../middleware/validate';
import { ProjectParams } from '../params';

/** What a PM's fiches-actions and objectifs may cite: the filières and fiches of its GHT's PMP (members of the project only). */
export function pmpLinkRoutes(deps: Deps): Router {
  const router = Router();
  router.get('/projects/:id/pmp-items', requireUser, (req, res) => {
    const { id } = parse(ProjectParams, req.params, 'chemin');
    const project = findReadableProject(deps, currentUser(req), id);
    res.json(pmpItemsForProject(deps, project));
  });
  return router;
}
