import { Router } from 'express';
import { z } from 'zod';
import type { Deps } from '../../commands/deps';
import { projectComments, projectSuggestions } from '../../commands/review';
import { currentUser, requireUser } from '../middleware/session';
import { parse } from '../middleware/validate';
import { Id, ProjectParams } from '../params';

const ReviewQuery = z.object({ sectionId: Id.optional(), authorId: Id.optional() });

/** Comments and suggestions as read by the side panel, exports and tools (issue 21). */
export function reviewRoutes(deps: Deps): Router {
  const router = Router();
  router.use('/projects', requireUser);

  router.get('/projects/:id/comments', (req, res) => {
    const { id } = parse(ProjectParams, req.params, 'chemin');
    const query = parse(ReviewQuery, req.query, 'requête');
    res.json(projectComments(deps, currentUser(req), id, query.sectionId));
  });

  router.get('/projects/:id/suggestions', (req, res) => {
    const { id } = parse(ProjectParams, req.params, 'chemin');
    const query = parse(ReviewQuery, req.query, 'requête');
    res.json(projectSuggestions(deps, currentUser(req), id, query));
  });
  return router;
}
