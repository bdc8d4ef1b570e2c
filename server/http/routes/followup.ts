import { Router } from 'express';
import { z } from 'zod';
import { BilanBody, EtapeDoneBody, FollowupQuery, IndicatorValueBody, PathYear, ValueImportBody } from '../../../schemas/api/followup';
import { readFollowup, readIndicatorChart, setEtapeDone, setIndicatorValue } from '../../commands/followup';
import { importIndicatorValues } from '../../commands/followupImport';
import { createBilan, listBilans } from '../../commands/bilans';
import type { Deps } from '../../deps';
import { currentUser, requireUser } from '../middleware/session';
import { parse } from '../middleware/validate';
import { Id, ProjectParams } from '../params';

const ChartParams = z.object({ id: Id, indicatorId: Id });
const ValueParams = z.object({ id: Id, indicatorId: Id, year: PathYear });
const EtapeParams = z.object({ id: Id, ficheId: Id, etapeId: Id });

/** The follow-up of an adopted version and its bilans annuels (issue 24, docs/API.md « Follow-up after adoption »). */
export function followupRoutes(deps: Deps): Router {
  const router = Router();
  router.get('/projects/:id/followup', requireUser, (req, res) => {
    const { id } = parse(ProjectParams, req.params, 'chemin');
    const { charts } = parse(FollowupQuery, req.query, 'paramètres');
    res.json(readFollowup(deps, currentUser(req), id, { charts: charts === '1' }));
  });
  router.get('/projects/:id/followup/indicators/:indicatorId/chart.svg', requireUser, (req, res) => {
    const { id, indicatorId } = parse(ChartParams, req.params, 'chemin');
    res.type('image/svg+xml').send(readIndicatorChart(deps, currentUser(req), id, indicatorId));
  });
  router.put('/projects/:id/followup/indicators/:indicatorId/values/:year', requireUser, (req, res) => {
    const { id, indicatorId, year } = parse(ValueParams, req.params, 'chemin');
    setIndicatorValue(deps, currentUser(req), id, indicatorId, year, parse(IndicatorValueBody, req.body));
    res.status(204).end();
  });
  router.put('/projects/:id/followup/fiches/:ficheId/etapes/:etapeId', requireUser, (req, res) => {
    const { id, ficheId, etapeId } = parse(EtapeParams, req.params, 'chemin');
    setEtapeDone(deps, currentUser(req), id, ficheId, etapeId, parse(EtapeDoneBody, req.body).doneOn);
    res.status(204).end();
  });
  router.post('/projects/:id/followup/import', requireUser, (req, res) => {
    const { id } = parse(ProjectParams, req.params, 'chemin');
    res.json(importIndicatorValues(deps, currentUser(req), id, parse(ValueImportBody, req.body)));
  });
  router.post('/projects/:id/bilans', requireUser, async (req, res) => {
    const { id } = parse(ProjectParams, req.params, 'chemin');
    const { year } = parse(BilanBody, req.body);
    res.status(201).json(await createBilan(deps, currentUser(req), id, year));
  });
  router.get('/projects/:id/bilans', requireUser, (req, res) => {
    const { id } = parse(ProjectParams, req.params, 'chemin');
    res.json(listBilans(deps, currentUser(req), id));
  });
  return router;
}
