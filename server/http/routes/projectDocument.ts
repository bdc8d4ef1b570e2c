import type { Created } from '../../../schemas/api/projects';
import { NewSectionBody, SectionPatch, type CompletenessView } from '../../../schemas/api/sections';
import { Router } from 'express';
import { z } from 'zod';
import { checkCompleteness } from '../../../templates/completeness';
import { pendingSuggestionWarnings } from '../../../schemas/suggestions';
import type { Deps } from '../../deps';
import { findReadableProject } from '../../commands/projects';
import { requiredParts } from '../../commands/requiredParts';
import { addSection, updateSection } from '../../commands/sections';
import { assignments } from '../../queries/assignments';
import { currentUser, requireUser } from '../middleware/session';
import { presentMember } from '../presenters/projects';
import { parse } from '../middleware/validate';
import { Id, ProjectParams } from '../params';

const SectionParams = z.object({ id: Id, sectionId: Id });

/** Today in Paris, as yyyy-mm-dd: due dates are Paris days. */
const parisToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());

/** Read-only views computed from a project's live document. */
export function projectDocumentRoutes(deps: Deps): Router {
  const router = Router();
  router.get('/projects/:id/completeness', requireUser, (req, res) => {
    const { id } = parse(ProjectParams, req.params, 'chemin');
    const project = findReadableProject(deps, currentUser(req), id);
    const { doc } = deps.registry.get(id);
    // Pending suggestions warn (the text can be frozen as it stands), never make it incomplete.
    const view: CompletenessView = { ...checkCompleteness(doc, requiredParts(deps, project)), warnings: pendingSuggestionWarnings(doc) };
    res.json(view);
  });

  router.get('/projects/:id/assignments', requireUser, (req, res) => {
    const { id } = parse(ProjectParams, req.params, 'chemin');
    findReadableProject(deps, currentUser(req), id);
    res.json(assignments(deps, id, parisToday()));
  });

  router.get('/projects/:id/members', requireUser, (req, res) => {
    const { id } = parse(ProjectParams, req.params, 'chemin');
    findReadableProject(deps, currentUser(req), id);
    res.json(deps.store.projects.members(id).map((member) => presentMember(member, deps.store.users.get(member.userId))));
  });

  router.patch('/projects/:id/sections/:sectionId', requireUser, (req, res) => {
    const { id, sectionId } = parse(SectionParams, req.params, 'chemin');
    const patch = parse(SectionPatch, req.body);
    updateSection(deps, currentUser(req), id, sectionId, patch);
    res.status(204).end();
  });

  router.post('/projects/:id/sections', requireUser, (req, res) => {
    const { id } = parse(ProjectParams, req.params, 'chemin');
    const body = parse(NewSectionBody, req.body);
    res.status(201).json({ id: addSection(deps, currentUser(req), id, body) } satisfies Created);
  });
  return router;
}
