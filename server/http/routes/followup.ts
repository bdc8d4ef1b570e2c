import { Router } from 'express';
import { z } from 'zod';
import { IsoDay } from '../../../schemas/records';
import { readFollowup, readIndicatorChart, setEtapeDone, setIndicatorValue } from '../../commands/followup';
import { importIndicatorValues } from '../../commands/followupImport';
import { createBilan, listBilans } from '../../commands/bilans';
import type { Deps } from '../../deps';
import { currentUser, requireUser } from '../middleware/session';
import { parse } from '../middleware/validate';
import { Id, ProjectParams } from '../params';

const Year = z.coerce.number().int().min(2000).max(2100);
const ChartParams = z.object({ id: Id, indicatorId: Id });
const ValueParams = z.object({ id: Id, indicatorId: Id, year: Year });
const EtapeParams = z.object({ id: Id, ficheId: Id, etapeId: Id });
const Optional = (max: number) => z.string().max(max).nullable().optional();
/** The value is checked against the indicator's unit by the command (schemas/indicatorUnits.ts). */
const ValueBody = z
  .object({ value: z.union([z.number(), z.string().max(50)]), date: IsoDay.nullable().optional(), source: Optional(200), comment: Optional(2000) })
  .strict();
const EtapeBody = z.object({ doneOn: IsoDay.nullable() }).strict();
const BilanBody = z.object({ year: z.number().int().min(2000).max(2100) }).strict();
const FollowupQuery = z.object({ charts: z.enum(['0', '1']).optional() });
const ImportBody = z.object({ year: z.number().int().min(2000).max(2100), csv: z.string().min(1).max(200_000), apply: z.boolean().default(false) }).strict();

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
    setIndicatorValue(deps, currentUser(req), id, indicatorId, year, parse(ValueBody, req.body));
    res.status(204).end();
  });
  router.put('/projects/:id/followup/fiches/:ficheId/etapes/:etapeId', requireUser, (req, res) => {
    const { id, ficheId, etapeId } = parse(EtapeParams, req.params, 'chemin');
    setEtapeDone(deps, currentUser(req), id, ficheId, etapeId, parse(EtapeBody, req.body).doneOn);
    res.status(204).end();
  });
  router.post('/projects/:id/followup/import', requireUser, (req, res) => {
    const { id } = parse(ProjectParams, req.params, 'chemin');
    res.json(importIndicatorValues(deps, currentUser(req), id, parse(ImportBody, req.body)));
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
