import express, { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import type { Deps } from '../../deps';
import { applyImport, previewImport, undoAppliedImport } from '../../commands/imports';
import { importError } from '../../import/importError';
import { importLimits } from '../../import/importLimits';
import { PendingImports } from '../../import/pendingImports';
import { HttpError } from '../errors';
import { currentUser, requireUser } from '../middleware/session';
import { refuseUpload, uploadSlot } from '../middleware/uploadSlots';
import { parse } from '../middleware/validate';
import { Id, ProjectParams } from '../params';

export const importMediaTypes = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  odt: 'application/vnd.oasis.opendocument.text',
} as const;

// As for séance documents: no path separators, control characters nor bidirectional overrides.
const ImportQuery = z.object({
  name: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .regex(/^[^/\\\u0000-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069]+$/, 'nom de fichier invalide')
    .default('document'),
});
const ImportParams = z.object({ id: Id, importId: z.string().uuid('identifiant d’import invalide') });
const ApplyBody = z
  .object({
    mapping: z
      .array(
        z
          .object({
            partId: z.string().min(1).max(40),
            action: z.enum(['section', 'unsorted', 'skip']),
            sectionId: Id.nullable().optional(),
            whenNotEmpty: z.enum(['replace', 'append', 'skip']).optional(),
          })
          .strict(),
      )
      .max(5000),
  })
  .strict();

/** Past this, an oversized upload is answered at once and the connection dropped, rather than drained. */
const drainLimitBytes = 4 * importLimits.fileBytes;

/** The raw body, with a French refusal past the import's size limit (the rest read and discarded: refuseUpload). */
function rawDocument(): RequestHandler {
  const raw = express.raw({ type: Object.values(importMediaTypes), limit: importLimits.fileBytes });
  return (req, res, next) =>
    raw(req, res, (error?: unknown) => {
      if ((error as { type?: string } | undefined)?.type !== 'entity.too.large') return next(error);
      const refusal = importError('import_too_large', `Le fichier dépasse ${importLimits.fileBytes / 1024 / 1024} Mo : allégez-le (images) ou importez-le en plusieurs parties.`);
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

  router.post('/projects/:id/imports', requireUser, uploadSlot('import'), rawDocument(), async (req, res) => {
    const { id } = parse(ProjectParams, req.params, 'chemin');
    const { name } = parse(ImportQuery, req.query, 'paramètres');
    if (!Buffer.isBuffer(req.body)) {
      throw new HttpError(415, 'unsupported_media_type', 'Formats acceptés : DOCX (Word) et ODT (LibreOffice).');
    }
    res.status(201).json(await previewImport(deps, pending, currentUser(req), id, { name, data: req.body }));
  });

  router.post('/projects/:id/imports/:importId/apply', requireUser, (req, res) => {
    const { id, importId } = parse(ImportParams, req.params, 'chemin');
    const { mapping } = parse(ApplyBody, req.body);
    res.json(applyImport(deps, pending, currentUser(req), id, importId, mapping));
  });

  router.post('/projects/:id/imports/:importId/undo', requireUser, (req, res) => {
    const { id, importId } = parse(ImportParams, req.params, 'chemin');
    res.json(undoAppliedImport(deps, pending, currentUser(req), id, importId));
  });
  return router;
}
