import { Router } from 'express';
import { z } from 'zod';
import type { CoherenceView } from '../../../schemas/api/coherence';
import type { Deps } from '../../deps';
import { sendGapsToPcme } from '../../commands/coherence';
import { DomainError } from '../../errors';
import { coherenceView } from '../../governance/coherence';
import { coherenceCsv } from '../../governance/coherenceCsv';
import type { UserRecord } from '../../store/users';
import { currentUser, requireUser } from '../middleware/session';
import { parse } from '../middleware/validate';
import { Id } from '../params';

const GhtParams = z.object({ ghtId: Id });
const SendBody = z.object({ etablissementId: Id });

/** The view as this user may read it: every member, only the établissements whose PM they work on, or 403. */
function readableView(deps: Deps, user: UserRecord, ghtId: string): CoherenceView {
  const ght = deps.store.organisations.get(ghtId);
  if (ght?.kind !== 'GHT') throw new DomainError('not_found', 'organisation_not_found', 'GHT introuvable.');
  const all = deps.policy.can(user, { action: 'coherence.readAll', ghtId });
  const own = (id: string) => deps.policy.can(user, { action: 'coherence.readEtablissement', etablissementId: id });
  const members = deps.store.organisations.list().filter((o) => o.parentId === ghtId);
  if (!all && !members.some((m) => own(m.id))) {
    throw new DomainError('forbidden', 'forbidden', 'La cohérence avec le PMP est réservée aux membres du PMP du GHT, aux équipes des projets médicaux de ses établissements et à l’ARS destinataire.');
  }
  const view = { ...coherenceView(deps, ghtId), scope: all ? ('all' as const) : ('own' as const), canSend: deps.policy.can(user, { action: 'coherence.send', ghtId }) };
  if (all) return view;
  return {
    ...view,
    filieres: view.filieres.map((f) => ({ ...f, etablissements: f.etablissements.filter((e) => own(e.id)) })),
    etablissements: view.etablissements.filter((e) => own(e.id)),
  };
}

/** Cohérence PM ↔ PMP of a GHT (issue 24, item 4): the view, its CSV export, and « envoyer au PCME ». */
export function coherenceRoutes(deps: Deps): Router {
  const router = Router();
  router.get('/organisations/:ghtId/coherence', requireUser, (req, res) => {
    const { ghtId } = parse(GhtParams, req.params, 'chemin');
    res.json(readableView(deps, currentUser(req), ghtId));
  });
  router.get('/organisations/:ghtId/coherence.csv', requireUser, (req, res) => {
    const { ghtId } = parse(GhtParams, req.params, 'chemin');
    const view = readableView(deps, currentUser(req), ghtId);
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="coherence-pm-pmp-${ghtId}.csv"`);
    res.send(coherenceCsv(view));
  });
  router.post('/organisations/:ghtId/coherence/send', requireUser, async (req, res) => {
    const { ghtId } = parse(GhtParams, req.params, 'chemin');
    const body = parse(SendBody, req.body);
    res.status(201).json(await sendGapsToPcme(deps, currentUser(req), ghtId, body.etablissementId));
  });
  return router;
}
