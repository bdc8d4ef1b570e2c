import express, { Router, type RequestHandler } from 'express';
import { ImageParams } from '../../../schemas/api/projectFiles';
import { limits } from '../../../schemas/limits';
import type { Deps } from '../../deps';
import { projectTakingImagesFrom, readImage, storeImage } from '../../commands/images';
import { HttpError } from '../errors';
import { checkedBeforeBody } from '../middleware/beforeBody';
import { currentUser, requireUser } from '../middleware/session';
import { refuseUpload, uploadSlot, uploadSlotLimits } from '../middleware/uploadSlots';
import { parse } from '../middleware/validate';
import { ProjectParams } from '../params';

/**
 * The raw body whatever its declared type (the bytes decide, commands/images.ts), with a French
 * refusal past the per-image limit.
 */
function rawImage(): RequestHandler {
  const raw = express.raw({ type: () => true, limit: limits.imageBytes });
  return (req, res, next) =>
    raw(req, res, (error?: unknown) => {
      if ((error as { type?: string } | undefined)?.type !== 'entity.too.large') return next(error);
      const refusal = new HttpError(
        413,
        'image_too_large',
        `L’image dépasse ${limits.imageBytes / 1024 / 1024} Mo : réduisez-la (dimensions ou compression) avant de l’insérer.`,
        [{ path: 'image', message: `au plus ${limits.imageBytes / 1024 / 1024} Mo` }],
      );
      refuseUpload(req, next, refusal, uploadSlotLimits.image.drainLimitBytes);
    });
}

/**
 * Images of a project's text (issue 20 finding 10, issue 22): uploaded as the raw body, the same
 * way (and with the same-origin guard) as an import; served only to the project's members, with
 * the type sniffed at upload and never guessed by the browser. Content-addressed: a URL's bytes
 * never change, so the browser may keep them (privately).
 */
export function imageRoutes(deps: Deps): Router {
  const router = Router();

  /** The right to add images, asked before the body is read (as the session is, by requireUser). */
  const mayAddImages = checkedBeforeBody((req) => projectTakingImagesFrom(deps, currentUser(req), parse(ProjectParams, req.params, 'chemin').id));

  router.post('/projects/:id/images', requireUser, mayAddImages, uploadSlot('image'), rawImage(), (req, res) => {
    const { id } = parse(ProjectParams, req.params, 'chemin');
    if (!Buffer.isBuffer(req.body) || req.body.byteLength === 0) {
      throw new HttpError(415, 'image_type_refused', 'Envoyez l’image elle-même (PNG, JPEG, GIF ou WebP) comme corps de la requête.', [
        { path: 'image', message: 'corps vide ou JSON' },
      ]);
    }
    const stored = storeImage(deps, currentUser(req), id, req.body);
    res.status(stored.created ? 201 : 200).json(stored);
  });

  router.get('/projects/:id/images/:sha256', requireUser, (req, res) => {
    const { id, sha256 } = parse(ImageParams, req.params, 'chemin');
    const image = readImage(deps, currentUser(req), id, sha256);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    res.setHeader('Cache-Control', 'private, max-age=31536000, immutable');
    res.setHeader('ETag', `"${image.sha256}"`);
    if (req.headers['if-none-match'] === `"${image.sha256}"`) {
      res.status(304).end();
      return;
    }
    res.setHeader('Content-Type', image.contentType);
    res.setHeader('Content-Length', String(image.data.byteLength));
    res.setHeader('Content-Disposition', 'inline');
    res.end(image.data);
  });
  return router;
}
