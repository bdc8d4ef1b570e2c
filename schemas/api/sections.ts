import { z } from 'zod';
import { limits } from '../limits';
import { PmpItemRef } from '../pmpLinks';
import { SectionStatus } from '../project';
import { IsoDay } from '../records';
import type { PendingSuggestionWarning } from '../suggestions';
import { Id } from './ids';

/**
 * A project's chapters (docs/API.md, "Sections"): the bodies server/http/routes/projectDocument.ts
 * and chapterChoices.ts parse, and their answers.
 */

export const SectionPatch = z
  .object({
    title: z.string().trim().min(1).max(limits.titleLength).optional(),
    position: z.number().finite().optional(),
    status: SectionStatus.optional(),
    assignees: z.array(Id).max(50).optional(),
    dueDate: IsoDay.nullable().optional(),
    locked: z.boolean().optional(),
    /** The PMP filière or fiche-action the chapter implements ('' unlinks it): a PM's chapter, docs/API.md. */
    pmpItemId: PmpItemRef.optional(),
  })
  .strict();
export const NewSectionBody = z.object({ title: z.string().trim().min(1).max(limits.titleLength), parentId: Id.nullable().default(null) }).strict();
export const OptionalChapterBody = z.object({ chapterId: Id }).strict();
export const NotApplicableBody = z.object({ justification: z.string().max(limits.governanceTextLength) }).strict();
export const RestoreBody = z.object({ versionId: Id, part: z.enum(['text', 'records']) }).strict();

export type RestoredPart = z.infer<typeof RestoreBody>['part'];

/** 200 of « Restaurer depuis une version »: what was put back (and how many records). */
export interface RestoreAnswer {
  restored: RestoredPart;
  records?: number;
}

export type CompletenessProblem = 'missing' | 'empty' | 'incomplete';

export interface CompletenessItem {
  sectionId: string;
  /** Where to jump: `sections/<id>[/<block>/<recordId>[/<field>]]`. */
  path: string;
  problem: CompletenessProblem;
  /** A sentence for the author, in French. */
  message: string;
}

/** What templates/completeness.ts finds missing in a document. */
export interface CompletenessReport {
  complete: boolean;
  items: CompletenessItem[];
}

/** GET /api/projects/:id/completeness: pending suggestions warn, never make the text incomplete. */
export interface CompletenessView extends CompletenessReport {
  warnings: PendingSuggestionWarning[];
}
