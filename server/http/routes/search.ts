import { Router } from 'express';
import { z } from 'zod';
import { limits } from '../../../schemas/limits';
import type { Deps } from '../../deps';
import { searchDocuments } from '../../queries/search';
import { currentUser, requireUser } from '../middleware/session';
import { parse } from '../middleware/validate';

const SearchQuery = z.object({
  q: z
    .string({ error: 'texte à rechercher attendu' })
    .trim()
    .min(2, 'au moins 2 caractères')
    .max(limits.searchQueryLength, `au plus ${limits.searchQueryLength} caractères`),
});

/** GET /api/search?q=: the matches in what the user may read (queries/search.ts). */
export function searchRoutes(deps: Deps): Router {
  const router = Router();
  router.get('/search', requireUser, (req, res) => {
    const { q } = parse(SearchQuery, { q: typeof req.query.q === 'string' ? req.query.q : undefined }, 'paramètres');
    res.json(searchDocuments(deps, currentUser(req), q));
  });
  return router;
}
