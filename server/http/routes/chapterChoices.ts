import { Router } from 'express';
import type { Created } from '../../../schemas/api/projects';
import { z } from 'zod';
import { NotApplicableBody, OptionalChapterBody, RestoreBody } from '../../../schemas/api/sections';
import { addOptionalChapter, setNotApplicable } from '../../commands/chapterChoices';
import { restoreFromVersion } from '../../commands/restoreFromVersion';
import type { Deps } from '../../deps';
import { currentUser, requireUser } from '../middleware/session';
import { parse } from '../middleware/validate';
import { Id, ProjectParams } from '../params';

const SectionParams = z.object({ id: Id, sectionId: Id });

/** A coordinator's choices about the chapters the law leaves open (see commands/chapterChoices.ts). */
export function chapterChoiceRoutes(deps: Deps): Router {
  const router = Router();
  router.post('/projects/:id/optional-chapters', requireUser, (req, res) => {
    const { id } = parse(ProjectParams, req.params, 'chemin');
    const { chapterId } = parse(OptionalChapterBody, req.body);
    addOptionalChapter(deps, currentUser(req), id, chapterId);
    res.status(201).json({ id: chapterId } satisfies Created);
  });

  router.put('/projects/:id/sections/:sectionId/not-applicable', requireUser, (req, res) => {
    const { id, sectionId } = parse(SectionParams, req.params, 'chemin');
    const { justification } = parse(NotApplicableBody, req.body);
    res.json(setNotApplicable(deps, currentUser(req), id, sectionId, justification));
  });

  router.delete('/projects/:id/sections/:sectionId/not-applicable', requireUser, (req, res) => {
    const { id, sectionId } = parse(SectionParams, req.params, 'chemin');
    setNotApplicable(deps, currentUser(req), id, sectionId, null);
    res.status(204).end();
  });

  // "Restaurer depuis une version": a section's text or structured part, from a frozen version.
  router.post('/projects/:id/sections/:sectionId/restore', requireUser, (req, res) => {
    const { id, sectionId } = parse(SectionParams, req.params, 'chemin');
    const { versionId, part } = parse(RestoreBody, req.body);
    res.json(restoreFromVersion(deps, currentUser(req), id, sectionId, versionId, part));
  });
  return router;
}
