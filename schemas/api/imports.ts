import { z } from 'zod';
import { Id } from './ids';

/**
 * Request and response types of the import routes (docs/API.md, « Import of a DOCX or ODT »),
 * shared by the server and the editor's preview screen.
 */

/**
 * The name of an uploaded file (an import, a séance document): no path separators, control
 * characters nor bidirectional overrides ("PV\u202Efdp.exe" would display as "PVexe.pdf"), so the
 * extension read is the one shown.
 */
export const UploadFileName = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[^/\\\u0000-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069]+$/, 'nom de fichier invalide');

export const ImportQuery = z.object({ name: UploadFileName.default('document') });
export const ImportParams = z.object({ id: Id, importId: z.string().uuid('identifiant d’import invalide') });
export const ApplyImportBody = z
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

/** A chapter of the project a part may go to. */
export interface ChapterChoice {
  sectionId: string;
  /** « 5.2 », as the exports number it. */
  number: string;
  title: string;
  hasText: boolean;
  locked: boolean;
  blocks: string[];
}

/** A mapping line as the client confirms it (`POST …/apply`). */
export type ConfirmedLine = z.infer<typeof ApplyImportBody>['mapping'][number];
/** Where a part goes: a chapter, the « À classer » section, or nowhere. */
export type MappingAction = ConfirmedLine['action'];
/** What to do with a chapter that already has text. */
export type WhenNotEmpty = NonNullable<ConfirmedLine['whenNotEmpty']>;

export interface MappingLine {
  partId: string;
  heading: string | null;
  level: number;
  excerpt: string;
  /** Structured parts recognised in it, in French (« 6 indicateurs », « matrice de la filière Cancérologie »). */
  structured: string[];
  suggestion: { sectionId: string; number: string; title: string; score: number } | null;
  action: MappingAction;
  sectionId: string | null;
  whenNotEmpty: WhenNotEmpty;
}

/** What the conversion left out or changed, in French. */
export interface Alteration {
  what: string;
  count: number;
  details: string[];
}

/** Something the document points to outside itself, which the import never fetches. */
export interface ExternalReference {
  kind: 'image' | 'template' | 'other';
  target: string;
}

/** What the preview tells the user before anything is written. */
export interface ImportReport {
  fileName: string;
  format: 'docx' | 'odt';
  bytes: number;
  sha256: string;
  /** Parts of the source (one per heading of level 1–3, plus the text before the first). */
  parts: number;
  /** Tables recognised as structured parts, by part. */
  structured: { partId: string; heading: string | null; label: string }[];
  /** Everything the conversion left out or changed. */
  dropped: Alteration[];
  /** Linked images, remote templates: never fetched, listed here. */
  externalReferences: ExternalReference[];
  /** Images of the document, and those kept (stored with the project and placed where they stood once applied); the others are listed in `dropped`. */
  images: { found: number; kept: number };
}

/** 201 of `POST /api/projects/:id/imports`. */
export interface ImportPreview {
  importId: string;
  mapping: MappingLine[];
  report: ImportReport;
  /** The project's chapters, numbered, with whether each already has text. */
  chapters: ChapterChoice[];
}

/** 200 of `POST /api/projects/:id/imports/:importId/apply`. */
export interface ImportOutcome {
  sections: { sectionId: string; title: string; mode: 'replace' | 'append'; parts: string[] }[];
  structured: { partId: string; sectionId: string; label: string }[];
  /** Recognised structured tables written as plain tables (the chapter has no such block). */
  keptAsTables: { partId: string; sectionId: string; label: string }[];
  skipped: string[];
  unsortedSectionId: string | null;
}

/** 200 of `POST /api/projects/:id/imports/:importId/undo`: the chapters put back as they were. */
export interface ImportUndone {
  sections: string[];
}
