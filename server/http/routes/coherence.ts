import { Router } from 'express';
import { z } from 'zod';
import { SendGapsBody } from '../../../schemas/api/coherence';
import type { Deps } from '../../deps';
import { exportCoherencePdf, readableCoherence, sendGapsToPcme } from '../../commands/coherence';
import { coherenceCsv } from '../../governance/coherenceCsv';
import { currentUser, requireUser } from '../middleware/session';
import { clientGone } from '../sendFile';
import { parse } from '../middleware/validate';
import { Id } from '../params';

const GhtParams = z.object({ ghtId: Id });

/** Cohérence PM ↔ PMP of a GHT (issue 24, item 4): the view, its CSV export, and « envoyer au PCME ». */
export function coherenceRoutes(deps: Deps): Router {
  const router = Router();
  router.get('/organisations/:ghtId/coherence', requireUser, (req, res) => {
    const { ghtId } = parse(GhtParams, req.params, 'chemin');
    res.json(readableCoherence(deps, currentUser(req), ghtId));
  });
  router.get('/organisations/:ghtId/coherence.csv', requireUser, (req, res) => {
    const { ghtId } = parse(GhtParams, req.params, 'chemin');
    const view = readableCoherence(deps, currentUser(req), ghtId);
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="coherence-pm-pmp-${ghtId}.csv"`);
    res.send(coherenceCsv(view));
  });
  router.get('/organisations/:ghtId/coherence.pdf', requireUser, async (req, res) => {
    const { ghtId } = parse(GhtParams, req.params, 'chemin');
    const pdf = await exportCoherencePdf(deps, currentUser(req), ghtId, clientGone(req, res));
    res.setHeader('content-type', 'application/pdf');
    res.setHeader('content-disposition', `attachment; filename="coherence-pm-pmp-${ghtId}.pdf"`);
    res.send(Buffer.from(pdf));
  });
  router.post('/organisations/:ghtId/coherence/send', requireUser, async (req, res) => {
    const { ghtId } = parse(GhtParams, req.params, 'chemin');
    const body = parse(SendGapsBody, req.body);
    res.status(201).json(await sendGapsToPcme(deps, currentUser(req), ghtId, body.etablissementId));
  });
  return router;
}
