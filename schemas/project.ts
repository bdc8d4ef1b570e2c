import { z } from 'zod';
import type { BlockKind } from './structured';

/**
 * Document kinds (docs/GOVERNANCE.md, « Paths »). PMSP merges PMP and PSP. BILAN: the bilan annuel
 * of an adopted PM or PMP, made from its follow-up (never created on its own: `creatableKinds`).
 */
export const documentKinds = ['PM', 'PMP', 'PSP', 'PSIRMT', 'PMSP', 'BILAN'] as const;
export const DocumentKind = z.enum(documentKinds);
export type DocumentKind = z.infer<typeof DocumentKind>;
/** The kinds a person creates from a template; a bilan comes from its project's follow-up. */
export const creatableKinds = documentKinds.filter((k) => k !== 'BILAN');
export const isCreatableKind = (kind: DocumentKind): boolean => kind !== 'BILAN';
/** The kinds that owe a bilan annuel: a PM (D6143-37-1), a PMP (D6132-9-9) and a PMSP, which follows the PMP. */
export const kindsWithBilan: readonly DocumentKind[] = ['PM', 'PMP', 'PMSP'];

/** `reviewer` (relecteur): reads, comments and suggests; never edits the text directly (docs/YJS.md). */
export const projectRoles = ['coordinator', 'editor', 'reviewer', 'reader'] as const;
export const ProjectRole = z.enum(projectRoles);
export type ProjectRole = z.infer<typeof ProjectRole>;

export const sectionStatuses = ['a_rediger', 'en_cours', 'a_relire', 'valide'] as const;
export const SectionStatus = z.enum(sectionStatuses);
export type SectionStatus = z.infer<typeof SectionStatus>;

/** A chapter as a template declares it (before it is placed in a Y.Doc). */
export interface ChapterTemplate {
  /** Stable slug, unique in the template; becomes the section id. */
  id: string;
  title: string;
  /** Article(s) of the Code de la santé publique this chapter answers. */
  legalBasis?: string;
  /** Short guidance for authors, in French. */
  guidance?: string;
  mandatory: boolean;
  /**
   * A part the text requires only where it applies ("le cas échéant"): a coordinator may mark
   * it "sans objet", with a justification completeness requires (D6143-37-1 5°: the pôles annex).
   */
  mayBeNotApplicable?: boolean;
  /** Mandatory, and never "sans objet", when the organisation is a CHU (L6143-2-2, 3rd paragraph). */
  mandatoryInChu?: boolean;
  /** Structured blocks the chapter carries besides its text (filières, indicators…). */
  blocks?: BlockKind[];
  children?: ChapterTemplate[];
}

export interface DocumentTemplate {
  kind: DocumentKind;
  /** Bumped whenever the chapter list changes; a project records the version it was built from. */
  version: number;
  label: string;
  legalBasis: string;
  chapters: ChapterTemplate[];
  /** Chapters proposed, never mandatory: the coordinator picks them at creation or later. */
  optionalChapters?: ChapterTemplate[];
}

/** A section as it lives in the Y.Doc outline (see docs/YJS.md). */
export interface SectionNode {
  id: string;
  title: string;
  /** Name of the root Y.XmlFragment holding the section's rich text. */
  fragment: string;
  mandatory: boolean;
  legalBasis?: string;
  guidance?: string;
  status: SectionStatus;
  blocks: BlockKind[];
  /** Locked by a coordinator: only coordinators may change it. */
  locked: boolean;
  /** User ids the coordinator assigned the section to. */
  assignees: string[];
  /** Due date, yyyy-mm-dd, or null. */
  dueDate: string | null;
  /** Marked "sans objet" by a coordinator, with why; null (or absent) otherwise. */
  notApplicable?: NotApplicable | null;
  /** In a PM: the PMP filière or fiche-action the chapter implements, when a coordinator linked it (schemas/pmpLinks.ts). */
  pmpItemId?: string;
  children: SectionNode[];
}

/** A part marked "sans objet": the justification, who marked it, when (ISO instant). */
export interface NotApplicable {
  reason: string;
  by: string;
  at: string;
}
