import type { RequestHandler } from 'express';
import { loadRichText, richTextLoaded } from '../richText/runtime';

/**
 * Holds a request until Tiptap is loaded (server/richText/runtime.ts). Mounted in http/app.ts
 * between the routes that never need it (sign-in, users, projects, the collaboration token,
 * review, images, search…) and those that may (versions, acts, exports, imports, follow-up…):
 * test/unit/richTextGate.test.ts checks that no route before it reaches the runtime.
 */
export const richTextGate: RequestHandler = (_req, _res, next) => {
  if (richTextLoaded()) return next();
  loadRichText().then(() => next(), next);
};
