import { z } from 'zod';
import type { RemovedRecord } from '../recordCopy';
import { Id } from './ids';

/**
 * What a project stores besides its text (docs/API.md, "Images", "Exports", "Record bin"): the
 * requests server/http/routes/images.ts, exports.ts and recordBin.ts parse, and their answers.
 */

export const ImageParams = z.object({ id: Id, sha256: z.string().regex(/^[0-9a-f]{64}$/, 'empreinte SHA-256 invalide') });

/** 201/200 of `POST /api/projects/:id/images`: where the text refers to the stored image. */
export interface StoredImage {
  src: string;
  sha256: string;
  contentType: string;
  width: number;
  height: number;
  size: number;
  /** false when the project already had these bytes (nothing stored twice). */
  created: boolean;
}

/** `?variant=travail`: the committees' working copy, with pending suggestions and comments (current text, PDF). */
export const ExportQuery = z.object({ variant: z.enum(['travail']).optional() });

/** GET /api/exports/status: whether PDF export works here, and how busy exports are. */
export interface ExportStatusView {
  pdf: { available: boolean; code?: string; message?: string; active: number; queued: number };
  docx: { available: boolean; active: number; queued: number };
  maxBytes: number;
}

/** A removed record in the bin (GET /api/projects/:id/bin), newest first. */
export interface BinEntry {
  seq: number;
  at: string;
  removedBy: { id: string | null; name: string };
  root: RemovedRecord['root'];
  id: string;
  label: string;
  sectionId: string | null;
}

/** 200 of `POST /api/projects/:id/bin/:seq/restore`: the record back in the document. */
export interface RestoredFromBin {
  root: RemovedRecord['root'];
  id: string;
}
