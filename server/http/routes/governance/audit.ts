import { Router } from 'express';
import { AuditQuery } from '../../../../schemas/api/governanceBodies';
import type { AuditLogView } from '../../../../schemas/api/governanceViews';
import type { Deps } from '../../../deps';
import { findReadableProject } from '../../../commands/projects';
import { HttpError } from '../../errors';
import { presentAuditEntry } from '../../presenters/audit';
import { currentUser, requireUser } from '../../middleware/session';
import { parse } from '../../middleware/validate';
import { ProjectParams } from './params';

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
    const { limit } = parse(AuditQuery, req.query, 'paramètres');
    const brokenAt = deps.store.audit.verify();
    const log: AuditLogView = { intact: brokenAt === null, brokenAt, entries: deps.store.audit.latest(limit).map(presentAuditEntry) };
    res.json(log);
  });
  return router;
}
