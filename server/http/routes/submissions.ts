import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { CreateSubmissionBody, ReceiptBody, VerifySubmissionBody } from '../../../schemas/api/governanceBodies';
import { OrganisationArsBody } from '../../../schemas/api/organisations';
import type { Deps } from '../../deps';
import {
  createSubmission,
  findReadableSubmission,
  listProjectSubmissions,
  listSubmissions,
  recordReceipt,
  setOrganisationArs,
  submissionPackage,
  verifySubmission,
} from '../../commands/submissions';
import { contentTypes } from '../../export/files';
import { ExportAborted } from '../../export/errors';
import { currentUser, requireUser } from '../middleware/session';
import { parse } from '../middleware/validate';
import { clientGone, sendFile } from '../sendFile';
import { governanceConfigFor } from '../../governance/projectContext';
import type { SubmissionRecord } from '../../store/submissions';
import { presentSubmission, type SubmissionContext } from '../presenters/submissions';

import { Id } from '../params';

const IdParams = z.object({ id: Id });

/** What a submission's presenter needs from the store: its people's names, its project's silence delay. */
function submissionContext(deps: Deps, submission: SubmissionRecord): SubmissionContext {
  const project = deps.store.projects.get(submission.projectId);
  return {
    nameOf: (userId) => (userId ? (deps.store.users.get(userId)?.name ?? 'compte supprimé') : null),
    tacitApprovalMonths: project ? governanceConfigFor(deps, project.organisationId, project.kind).tacitApprovalMonths : 2,
  };
}

/**
 * The ARS submission package: built from a version by the hospital, listed, downloaded and
 * verified by the ARS it is addressed to, which records its receipt.
 */
export function submissionRoutes(deps: Deps): Router {
  const router = Router();
  const present = (submission: SubmissionRecord) => presentSubmission(submission, submissionContext(deps, submission));
  router.use(['/submissions', '/projects/:id/submissions', '/organisations/:id/ars'], requireUser);

  router.post('/projects/:id/submissions', async (req: Request, res: Response) => {
    const { id } = parse(IdParams, req.params, 'chemin');
    const body = parse(CreateSubmissionBody, req.body);
    try {
      const submission = await createSubmission(deps, currentUser(req), { projectId: id, versionId: body.versionId }, clientGone(req, res));
      res.status(201).json(present(submission));
    } catch (error) {
      if (error instanceof ExportAborted) return;
      throw error;
    }
  });

  router.get('/projects/:id/submissions', (req, res) => {
    const { id } = parse(IdParams, req.params, 'chemin');
    res.json(listProjectSubmissions(deps, currentUser(req), id).map(present));
  });

  router.get('/submissions', (req, res) => {
    res.json(listSubmissions(deps, currentUser(req)).map(present));
  });

  router.get('/submissions/:id', (req, res) => {
    const { id } = parse(IdParams, req.params, 'chemin');
    res.json(present(findReadableSubmission(deps, currentUser(req), id)));
  });

  router.get('/submissions/:id/package.zip', (req, res) => {
    const { id } = parse(IdParams, req.params, 'chemin');
    const { submission, zip } = submissionPackage(deps, currentUser(req), id);
    res.setHeader('X-Content-SHA256', submission.packageSha256);
    sendFile(res, { filename: `dossier-ars-${submission.id}.zip`, contentType: contentTypes.zip, data: zip });
  });

  router.post('/submissions/:id/verify', async (req, res) => {
    const { id } = parse(IdParams, req.params, 'chemin');
    const body = parse(VerifySubmissionBody, req.body);
    res.json(await verifySubmission(deps, currentUser(req), id, body.sha256));
  });

  router.post('/submissions/:id/receipt', (req, res) => {
    const { id } = parse(IdParams, req.params, 'chemin');
    const body = parse(ReceiptBody, req.body);
    const receipt = recordReceipt(deps, currentUser(req), id, body);
    res.status(201).json(receipt);
  });

  router.put('/organisations/:id/ars', (req, res) => {
    const { id } = parse(IdParams, req.params, 'chemin');
    const body = parse(OrganisationArsBody, req.body);
    setOrganisationArs(deps, currentUser(req), id, body.arsOrganisationId);
    res.status(204).end();
  });
  return router;
}
