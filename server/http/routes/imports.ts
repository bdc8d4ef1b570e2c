import express, { Router, type RequestHandler } from 'express';
import { ApplyImportBody, ImportParams, ImportQuery } from '../../../schemas/api/imports';
import type { Deps } from '../../deps';
import { applyImport, previewImport, checkImportRight, undoAppliedImport } from '../../commands/imports';
import { importError } from '../../import/importError';
import { importLimits } from '../../import/importLimits';
import { PendingImports } from '../../import/pendingImports';
import { HttpError } from '../errors';
import { checkedBeforeBody } from '../middleware/beforeBody';
import { currentUser, requireUser } from '../middleware/session';
import { refuseUpload, uploadSlot } from '../middleware/uploadSlots';
import { parse } from '../middleware/validate';
import { ProjectParams } from '../params';

export const importMediaTypes = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  odt: 'application/vnd.oasis.opendocument.text',
} as const;

/** Past this, an oversized upload is answered at once and the connection dropped, rather than drained. */
const drainLimitBytes = 4 * importLimits.fileBytes;

/** The raw body, with a French refusal past the import's size limit (the rest read and discarded: refuseUpload). */
function rawDocument(): RequestHandler {
  const raw = express.raw({ type: Object.values(importMediaTypes), limit: importLimits.fileBytes });
  return (req, res, next) =>
    raw(req, res, (error?: unknown) => {
      if ((error as { type?: string } | undefined)?.type !== 'entity.too.large') return next(error);
      const refusal = importError(
        'import_too_large',
        `Le fichier dépasse ${importLimits.fileBytes / 1024 / 1024} Mo : allégez-le (images) ou importez-le en plusieurs parties.`,
      );
      refuseUpload(req, next, refusal, drainLimitBytes);
    });
}

/**
 * DOCX and ODT import into a project's template (issue 22): a preview first, written only when
 * the user confirms the mapping. Uploaded as the raw body with its media type; browsers send
 * the same-origin `Origin` header that the CSRF guard asks of a non-JSON request.
 */
export function importRoutes(deps: Deps): Router {
  const router = Router();
  const pending = new PendingImports();

  /** The right to import, asked before the body is read (as the session is, by requireUser). */
  const mayImport = checkedBeforeBody((req) => checkImportRight(deps, currentUser(req), parse(ProjectParams, req.params, 'chemin').id));

  router.post('/projects/:id/imports', requireUser, mayImport, uploadSlot('import'), rawDocument(), async (req, res) => {
    const { id } = parse(ProjectParams, req.params, 'chemin');
    const { name } = parse(ImportQuery, req.query, 'paramètres');
    if (!Buffer.isBuffer(req.body)) {
      throw new HttpError(415, 'unsupported_media_type', 'Formats acceptés : DOCX (Word) et ODT (LibreOffice).');
    }
    res.status(201).json(await previewImport(deps, pending, currentUser(req), id, { name, data: req.body }));
  });

  router.post('/projects/:id/imports/:importId/apply', requireUser, (req, res) => {
    const { id, importId } = parse(ImportParams, req.params, 'chemin');
    const { mapping } = parse(ApplyImportBody, req.body);
    res.json(applyImport(deps, pending, currentUser(req), id, importId, mapping));
  });

  router.post('/projects/:id/imports/:importId/undo', requireUser, (req, res) => {
    const { id, importId } = parse(ImportParams, req.params, 'chemin');
    res.json(undoAppliedImport(deps, pending, currentUser(req), id, importId));
  });
  return router;
}
