import { limits } from '../../schemas/limits';

/** Bounds of an import (issue 22): checked before anything of the file is expanded or converted. */
export const importLimits = {
  /** The uploaded file. */
  fileBytes: 50 * 1024 * 1024,
  /** Entries of its zip archive (a 300-page DOCX has a few dozen, a few hundred with images). */
  maxEntries: 2000,
  /** Sum of the entries' expanded sizes. */
  maxExpandedBytes: 256 * 1024 * 1024,
  /** Expansion ratio of one entry, above `ratioFloorBytes` (XML compresses ~10:1, a bomb 1000:1). */
  maxRatio: 120,
  ratioFloorBytes: 1024 * 1024,
  /** One image kept from the document: as one pasted in the editor. */
  imageBytes: limits.imageBytes,
  /** Images kept from one document, in total. */
  imagesTotalBytes: 40 * 1024 * 1024,
  /** ODT → DOCX conversion by LibreOffice. */
  conversionTimeoutMs: 60_000,
  /** Previews kept in memory, and how long. */
  maxPendingImports: 20,
  pendingTtlMs: 60 * 60 * 1000,
} as const;
