import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Deps } from '../../deps';
import { exportDocument } from '../../commands/exports';
import type { ExportFormat } from '../../export/files';
import { ExportAborted } from '../../export/errors';
import { pdfEngineMissing } from '../../export/pdf/errors';
import { DomainError } from '../../errors';
import { currentUser, requireUser } from '../middleware/session';
import { parse } from '../middleware/validate';
import { clientGone, sendFile } from '../sendFile';

import { ExportQuery, type ExportStatusView } from '../../../schemas/api/projectFiles';
import { Id, ProjectParams } from '../params';

const VersionParams = z.object({ id: Id, versionId: Id });

/**
 * Downloads of the document: GET /api/projects/:id/export.pdf|docx (current text) and
 * /api/projects/:id/versions/:versionId/export.pdf|docx (a frozen version).
 */
export function exportRoutes(deps: Deps): Router {
  const router = Router();

  const handle = (format: ExportFormat, withVersion: boolean) => async (req: Request, res: Response) => {
    const params = withVersion ? parse(VersionParams, req.params, 'chemin') : { ...parse(ProjectParams, req.params, 'chemin'), versionId: null };
    const { variant } = parse(ExportQuery, req.query, 'requête');
    if (variant && (format !== 'pdf' || withVersion)) {
      throw new DomainError('invalid', 'validation_failed', 'Données invalides (requête).', [
        { path: 'variant', message: 'La version de travail existe en PDF, pour le texte courant seulement.' },
      ]);
    }
    const signal = clientGone(req, res);
    try {
      const file = await exportDocument(
        deps,
        currentUser(req),
        { projectId: params.id, versionId: params.versionId, format, workingCopy: variant === 'travail' },
        signal,
      );
      sendFile(res, file);
    } catch (error) {
      // Nobody is waiting for the file any more: nothing to answer.
      if (error instanceof ExportAborted) return;
      throw error;
    }
  };

  /** Lets the editor say up front that PDF export is unavailable, and how busy exports are. */
  router.get('/exports/status', requireUser, (_req, res) => {
    const pdf = deps.pdf.stats();
    const docx = deps.docx.stats();
    const missing = deps.pdf.isAvailable() ? null : pdfEngineMissing(deps.config.chromiumPath);
    const status: ExportStatusView = {
      pdf: { available: !missing, ...(missing ? { code: missing.code, message: missing.message } : {}), active: pdf.active, queued: pdf.queued },
      docx: { available: true, active: docx.active, queued: docx.queued },
      maxBytes: deps.config.exportMaxBytes,
    };
    res.json(status);
  });

  for (const format of ['pdf', 'docx'] as const) {
    router.get(`/projects/:id/export.${format}`, requireUser, handle(format, false));
    router.get(`/projects/:id/versions/:versionId/export.${format}`, requireUser, handle(format, true));
  }
  return router;
}
