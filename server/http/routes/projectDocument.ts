import type { MemberView } from '../../../schemas/api/projects';
import { PmpItemRef } from '../../../schemas/pmpLinks';
import { Router } from 'express';
import { z } from 'zod';
import { checkCompleteness } from '../../../templates/completeness';
import { pendingSuggestionWarnings } from '../../../schemas/suggestions';
import type { Deps } from '../../deps';
import { findReadableProject } from '../../commands/projects';
import { requiredParts } from '../../commands/requiredParts';
import { addSection, updateSection } from '../../commands/sections';
import { assignments } from '../../queries/assignments';
import { limits } from '../../../schemas/limits';
import { IsoDay } from '../../../schemas/records';
import { SectionStatus } from '../../../schemas/project';
import { currentUser, requireUser } from '../middleware/session';
import { parse } from '../middleware/validate';
import { Id, ProjectParams } from '../params';

const SectionParams = z.object({ id: Id, sectionId: Id });
const SectionPatch = z
  .object({
    title: z.string().trim().min(1).max(limits.titleLength).optional(),
    position: z.number().finite().optional(),
    status: SectionStatus.optional(),
    assignees: z.array(Id).max(50).optional(),
    dueDate: IsoDay.nullable().optional(),
    locked: z.boolean().optional(),
    /** The PMP filière or fiche-action the chapter implements ('' unlinks it): a PM's chapter, docs/API.md. */
    pmpItemId: PmpItemRef.optional(),
  })
  .strict();
const NewSection = z.object({ title: z.string().trim().min(1).max(limits.titleLength), parentId: Id.nullable().default(null) }).strict();

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
    res.json({ ...checkCompleteness(doc, requiredParts(deps, project)), warnings: pendingSuggestionWarnings(doc) });
  });

  router.get('/projects/:id/assignments', requireUser, (req, res) => {
    const { id } = parse(ProjectParams, req.params, 'chemin');
    findReadableProject(deps, currentUser(req), id);
    res.json(assignments(deps, id, parisToday()));
  });

  router.get('/projects/:id/members', requireUser, (req, res) => {
    const { id } = parse(ProjectParams, req.params, 'chemin');
    findReadableProject(deps, currentUser(req), id);
    res.json(
      deps.store.projects.members(id).map(({ userId, role }): MemberView => {
        const user = deps.store.users.get(userId);
        return { id: userId, name: user?.name ?? '', email: user?.email ?? '', role };
      }),
    );
  });

  router.patch('/projects/:id/sections/:sectionId', requireUser, (req, res) => {
    const { id, sectionId } = parse(SectionParams, req.params, 'chemin');
    const patch = parse(SectionPatch, req.body);
    updateSection(deps, currentUser(req), id, sectionId, patch);
    res.status(204).end();
  });

  router.post('/projects/:id/sections', requireUser, (req, res) => {
    const { id } = parse(ProjectParams, req.params, 'chemin');
    const body = parse(NewSection, req.body);
    res.status(201).json({ id: addSection(deps, currentUser(req), id, body) });
  });
  return router;
}
