import { Router } from 'express';
import { TransmissionDueBody } from '../../../../schemas/api/governanceBodies';
import type { ProjectTimelineView, TransmissionDueView } from '../../../../schemas/api/governanceViews';
import type { Deps } from '../../../deps';
import { setTransmissionDue } from '../../../commands/governanceSettings';
import { findReadableProject } from '../../../commands/projects';
import { secretaryDashboard } from '../../../governance/dashboard';
import { staffingOf } from '../../../governance/staffing';
import { projectTimeline } from '../../../governance/timeline';
import { currentUser, requireUser } from '../../middleware/session';
import { parse } from '../../middleware/validate';
import { ProjectParams } from './params';

export function timelineRoutes(deps: Deps): Router {
  const router = Router();

  /** From first présentation to the ARS: acts (stale ones flagged), path steps, next, deadlines. */
  router.get('/projects/:id/timeline', requireUser, (req, res) => {
    const { id } = parse(ProjectParams, req.params, 'chemin');
    const project = findReadableProject(deps, currentUser(req), id);
    const timeline = projectTimeline(deps, id);
    const view: ProjectTimelineView = { ...timeline, staffing: staffingOf(deps, project.organisationId, timeline.steps) };
    res.json(view);
  });

  router.get('/projects/:id/governance', requireUser, (req, res) => {
    const { id } = parse(ProjectParams, req.params, 'chemin');
    findReadableProject(deps, currentUser(req), id);
    const view: TransmissionDueView = { transmissionDue: deps.store.governanceSettings.transmissionDue(id) };
    res.json(view);
  });

  router.put('/projects/:id/governance', requireUser, (req, res) => {
    const { id } = parse(ProjectParams, req.params, 'chemin');
    setTransmissionDue(deps, currentUser(req), id, parse(TransmissionDueBody, req.body).transmissionDue);
    res.status(204).end();
  });

  router.get('/dashboard/secretary', requireUser, (req, res) => {
    res.json(secretaryDashboard(deps, currentUser(req)));
  });
  return router;
}
