import { Router } from 'express';
import { z } from 'zod';
import { DecisionBody, ReviewQuery } from '../../../schemas/api/review';
import type { Suggestion } from '../../../schemas/suggestions';
import type { Deps } from '../../deps';
import { projectComments, projectSuggestions } from '../../commands/review';
import { decideSuggestions, undoDecision } from '../../commands/suggestionDecisions';
import { currentUser, requireUser } from '../middleware/session';
import { presentCommentThread, presentSuggestion, type NameOf } from '../presenters/review';
import { parse } from '../middleware/validate';
import { Id, ProjectParams } from '../params';

const DecisionParams = z.object({ id: Id, decisionId: Id });

/** Comments and suggestions as read by the side panel, exports and tools (issue 21). */
export function reviewRoutes(deps: Deps): Router {
  const router = Router();
  router.use('/projects', requireUser);
  const nameOf: NameOf = (userId) => deps.store.users.get(userId)?.name;
  const suggestionView = (suggestion: Suggestion) => presentSuggestion(suggestion, nameOf);

  router.get('/projects/:id/comments', (req, res) => {
    const { id } = parse(ProjectParams, req.params, 'chemin');
    const query = parse(ReviewQuery, req.query, 'requête');
    res.json(projectComments(deps, currentUser(req), id, query.sectionId).map((thread) => presentCommentThread(thread, nameOf)));
  });

  router.get('/projects/:id/suggestions', (req, res) => {
    const { id } = parse(ProjectParams, req.params, 'chemin');
    const query = parse(ReviewQuery, req.query, 'requête');
    res.json(projectSuggestions(deps, currentUser(req), id, query).map(suggestionView));
  });
  router.post('/projects/:id/suggestions/decisions', (req, res) => {
    const { id } = parse(ProjectParams, req.params, 'chemin');
    const body = parse(DecisionBody, req.body);
    res.status(201).json(decideSuggestions(deps, currentUser(req), id, body, suggestionView));
  });

  router.post('/projects/:id/suggestions/decisions/:decisionId/undo', (req, res) => {
    const { id, decisionId } = parse(DecisionParams, req.params, 'chemin');
    undoDecision(deps, currentUser(req), id, decisionId);
    res.status(204).end();
  });
  return router;
}
