import express, { Router } from 'express';
import { z } from 'zod';
import { SeanceDocumentQuery } from '../../../../schemas/api/governanceBodies';
import { limits } from '../../../../schemas/limits';
import type { Deps } from '../../../deps';
import { acceptedDocumentTypes, attachDocument } from '../../../commands/seances';
import { checkStorage } from '../../../commands/quotas';
import { HttpError } from '../../errors';
import { documentName } from './documentName';
import { currentUser, requireUser } from '../../middleware/session';
import { presentSeanceDocument } from '../../presenters/seances';
import { parse } from '../../middleware/validate';
import { Id, SeanceParams } from './params';
import { readableSeance } from './seances';

const DocumentParams = z.object({ id: Id, documentId: Id });

/**
 * Documents attached to a séance (convocation, PV as PDF). Uploaded as the raw body with its
 * media type; browsers send the same-origin `Origin` header that the CSRF guard asks for.
 */
export function seanceDocumentRoutes(deps: Deps): Router {
  const router = Router();
  const raw = express.raw({ type: Object.keys(acceptedDocumentTypes), limit: limits.seanceDocumentBytes });

  router.post('/seances/:id/documents', requireUser, raw, (req, res) => {
    const { id } = parse(SeanceParams, req.params, 'chemin');
    const { name } = parse(SeanceDocumentQuery, req.query, 'paramètres');
    const user = currentUser(req);
    const { instance } = readableSeance(deps, user, id);
    const mediaType = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (!Buffer.isBuffer(req.body)) throw new HttpError(415, 'unsupported_media_type', 'Formats acceptés : PDF, DOCX, ODT.');
    const stored = documentName(name, mediaType);
    // Quota after the right to attach (attachDocument answers 403 otherwise): no probing of usage.
    if (deps.policy.can(user, { action: 'seance.manage', instanceId: instance.id, organisationId: instance.organisationId })) {
      checkStorage(deps, { organisationId: instance.organisationId, newBytes: req.body.byteLength });
    }
    const document = attachDocument(deps, user, id, { name: stored, mediaType, data: new Uint8Array(req.body) });
    res.status(201).json(presentSeanceDocument(document));
  });

  router.get('/seances/:id/documents/:documentId', requireUser, (req, res) => {
    const { id, documentId } = parse(DocumentParams, req.params, 'chemin');
    readableSeance(deps, currentUser(req), id);
    const document = deps.store.seances.document(id, documentId);
    if (!document) throw new HttpError(404, 'document_not_found', 'Document introuvable.');
    res.setHeader('Content-Type', document.mediaType);
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(document.name)}`);
    res.setHeader('X-Content-SHA256', document.sha256);
    res.send(Buffer.from(document.data));
  });
  return router;
}
