import { Router } from 'express';
import { z } from 'zod';
import type { Deps } from '../../../deps';
import { findReadableProject } from '../../../commands/projects';
import { HttpError } from '../../errors';
import { presentAuditEntry } from '../../governancePresenters';
import { currentUser, requireUser } from '../../middleware/session';
import { parse } from '../../middleware/validate';
import { ProjectParams } from './params';

const LatestQuery = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(200) });

/** The audit trail, read-only: there is no route that changes or deletes an entry. */
export function auditRoutes(deps: Deps): Router {
  const router = Router();

  router.get('/projects/:id/audit', requireUser, (req, res) => {
    const { id } = parse(ProjectParams, req.params, 'chemin');
    findReadableProject(deps, currentUser(req), id);
    res.json(deps.store.audit.ofProject(id).map(presentAuditEntry));
  });

  router.get('/audit', requireUser, (req, res) => {
    if (!deps.policy.can(currentUser(req), { action: 'audit.readAll' })) {
      throw new HttpError(403, 'forbidden', 'Seul un administrateur consulte le journal complet.');
    }
    const { limit } = parse(LatestQuery, req.query, 'paramètres');
    const brokenAt = deps.store.audit.verify();
    res.json({ intact: brokenAt === null, brokenAt, entries: deps.store.audit.latest(limit).map(presentAuditEntry) });
  });
  return router;
}
