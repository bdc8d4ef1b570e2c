import { ActsQuery, AnnulBody, OverrideBody, RecordActBody, ReservesBody } from '../../../../schemas/api/governanceBodies';
import { Router } from 'express';
import { z } from 'zod';
import { annulAct } from '../../../commands/actAnnulment';
import { setActReserves } from '../../../commands/actReserves';
import { recordAct, recordOverride } from '../../../commands/acts';
import type { Deps } from '../../../deps';
import { findReadableProject } from '../../../commands/projects';
import { listActs } from '../../../governance/acts';
import { projectReserves } from '../../../governance/actReserves';
import { currentUser, requireUser } from '../../middleware/session';
import { presentOverride } from '../../presenters/seances';
import { parse } from '../../middleware/validate';
import { Id, ProjectParams, SeanceParams } from './params';

const ActParams = z.object({ id: Id });

export function actRoutes(deps: Deps): Router {
  const router = Router();

  /** Records an act of the séance: 201 with the act, or 409 `rule_violation` listing the rules broken. */
  router.post('/seances/:id/acts', requireUser, (req, res) => {
    const { id } = parse(SeanceParams, req.params, 'chemin');
    const body = parse(RecordActBody, req.body);
    res.status(201).json(recordAct(deps, currentUser(req), id, body));
  });

  router.get('/projects/:id/acts', requireUser, (req, res) => {
    const { id } = parse(ProjectParams, req.params, 'chemin');
    const { versionId, withAnnulled } = parse(ActsQuery, req.query, 'paramètres');
    findReadableProject(deps, currentUser(req), id);
    res.json(listActs(deps, id, { versionId, withAnnulled: withAnnulled === '1' }));
  });

  /** The réserves of the project's live acts with what they concern: the comments panel marks the linked threads. */
  router.get('/projects/:id/reserves', requireUser, (req, res) => {
    const { id } = parse(ProjectParams, req.params, 'chemin');
    findReadableProject(deps, currentUser(req), id);
    res.json(projectReserves(deps, id));
  });

  /** Annuls an act with a justification (the way to correct one): 200 with the act, marked annulled; audited. */
  router.post('/acts/:id/annul', requireUser, (req, res) => {
    const { id } = parse(ActParams, req.params, 'chemin');
    const { justification } = parse(AnnulBody, req.body);
    res.json(annulAct(deps, currentUser(req), id, justification));
  });

  /** States the act's réserves one by one, each linked to comments or sections of its project (replaces them; audited). */
  router.put('/acts/:id/reserves', requireUser, (req, res) => {
    const { id } = parse(ActParams, req.params, 'chemin');
    const { items } = parse(ReservesBody, req.body);
    res.json(setActReserves(deps, currentUser(req), id, items));
  });

  /** A coordinator lets the next act of a kind on a version pass the named rules (audited). */
  router.post('/projects/:id/overrides', requireUser, (req, res) => {
    const { id } = parse(ProjectParams, req.params, 'chemin');
    const override = recordOverride(deps, currentUser(req), id, parse(OverrideBody, req.body));
    res.status(201).json(presentOverride(override));
  });
  return router;
}
