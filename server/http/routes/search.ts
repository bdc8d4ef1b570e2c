import { Router } from 'express';
import { SearchQuery } from '../../../schemas/api/search';
import type { Deps } from '../../deps';
import { searchDocuments } from '../../queries/search';
import { currentUser, requireUser } from '../middleware/session';
import { parse } from '../middleware/validate';

/** GET /api/search?q=: the matches in what the user may read (queries/search.ts). */
export function searchRoutes(deps: Deps): Router {
  const router = Router();
  router.get('/search', requireUser, (req, res) => {
    const { q } = parse(SearchQuery, { q: typeof req.query.q === 'string' ? req.query.q : undefined }, 'paramètres');
    res.json(searchDocuments(deps, currentUser(req), q));
  });
  return router;
}
