import { AgendaItemBody, AgendaItemPatch, ConvocationBody, CreateSeanceBody, SeancesQuery, UpdateSeanceBody } from '../../../../schemas/api/governanceBodies';
import type { Created } from '../../../../schemas/api/projects';
import type { SeanceDetail, SeanceWithRights } from '../../../../schemas/api/governanceViews';
import { Router } from 'express';
import { z } from 'zod';
import type { Deps } from '../../../deps';
import { markConvocationSent } from '../../../commands/convocation';
import { addAgendaItem, createSeance, removeAgendaItem, setAgendaItemVersion, updateSeance } from '../../../commands/seances';
import { actsOfSeance } from '../../../governance/acts';
import { agendaChecks } from '../../../governance/agendaChecks';
import { parisDate } from '../../../governance/parisTime';
import { seanceView } from '../../../governance/seanceView';
import { canViewSeance, visibleSeances } from '../../../governance/visibility';
import type { InstanceRecord } from '../../../store/instances';
import type { SeanceRecord } from '../../../store/seances';
import type { UserRecord } from '../../../store/users';
import { HttpError } from '../../errors';
import { currentUser, requireUser } from '../../middleware/session';
import { presentSeance } from '../../presenters/seances';
import { parse } from '../../middleware/validate';
import { Id, SeanceParams } from './params';

const AgendaItemParams = z.object({ id: Id, itemId: Id });

/** A séance the user may read, or 404 (ids cannot be probed). */
export function readableSeance(deps: Deps, user: UserRecord, seanceId: string): { seance: SeanceRecord; instance: InstanceRecord } {
  const seance = deps.store.seances.get(seanceId);
  const instance = seance && deps.store.instances.get(seance.instanceId);
  if (!seance || !instance || !canViewSeance(deps, user, seance, instance)) throw new HttpError(404, 'seance_not_found', 'Séance introuvable.');
  return { seance, instance };
}

export function seanceRoutes(deps: Deps): Router {
  const router = Router();
  router.use('/seances', requireUser);

  const present = (user: UserRecord, seance: SeanceRecord, instance: InstanceRecord): SeanceWithRights =>
    presentSeance(
      seanceView(deps, seance, instance, parisDate(new Date())),
      deps.policy.can(user, { action: 'seance.manage', instanceId: instance.id, organisationId: instance.organisationId }),
    );

  /** The calendar: séances the user may see, by organisation, instance and dates (inclusive). */
  router.get('/seances', (req, res) => {
    const query = parse(SeancesQuery, req.query, 'paramètres');
    const user = currentUser(req);
    res.json(visibleSeances(deps, user, query).map(({ seance, instance }) => present(user, seance, instance)));
  });

  router.post('/seances', (req, res) => {
    const body = parse(CreateSeanceBody, req.body);
    res.status(201).json({ id: createSeance(deps, currentUser(req), body) } satisfies Created);
  });

  router.get('/seances/:id', (req, res) => {
    const { id } = parse(SeanceParams, req.params, 'chemin');
    const user = currentUser(req);
    const { seance, instance } = readableSeance(deps, user, id);
    const view = present(user, seance, instance);
    // Only the detail says what recording each item would meet (one rules check per item).
    const checks = agendaChecks(deps, seance, instance, view.agenda, parisDate(new Date()));
    const agenda = view.agenda.map((item) => ({ ...item, check: checks.get(item.id) ?? null }));
    const detail: SeanceDetail = { ...view, agenda, acts: actsOfSeance(deps, seance.id) };
    res.json(detail);
  });

  router.patch('/seances/:id', (req, res) => {
    const { id } = parse(SeanceParams, req.params, 'chemin');
    const user = currentUser(req);
    const { instance } = readableSeance(deps, user, id);
    const seance = updateSeance(deps, user, id, parse(UpdateSeanceBody, req.body));
    res.json(present(user, seance, instance));
  });

  /** Records that the convocation and its agenda went out (today, or the date given). */
  router.post('/seances/:id/convocation', (req, res) => {
    const { id } = parse(SeanceParams, req.params, 'chemin');
    const user = currentUser(req);
    const { instance } = readableSeance(deps, user, id);
    const seance = markConvocationSent(deps, user, id, parse(ConvocationBody, req.body).sentOn);
    res.json(present(user, seance, instance));
  });

  router.post('/seances/:id/agenda', (req, res) => {
    const { id } = parse(SeanceParams, req.params, 'chemin');
    const user = currentUser(req);
    readableSeance(deps, user, id);
    res.status(201).json({ id: addAgendaItem(deps, user, id, parse(AgendaItemBody, req.body)) } satisfies Created);
  });

  router.patch('/seances/:id/agenda/:itemId', (req, res) => {
    const { id, itemId } = parse(AgendaItemParams, req.params, 'chemin');
    const user = currentUser(req);
    readableSeance(deps, user, id);
    setAgendaItemVersion(deps, user, id, itemId, parse(AgendaItemPatch, req.body).versionId);
    res.status(204).end();
  });

  router.delete('/seances/:id/agenda/:itemId', (req, res) => {
    const { id, itemId } = parse(AgendaItemParams, req.params, 'chemin');
    const user = currentUser(req);
    readableSeance(deps, user, id);
    removeAgendaItem(deps, user, id, itemId);
    res.status(204).end();
  });
  return router;
}
