import type { ChapterTemplate, DocumentKind, DocumentTemplate } from '../schemas/project';
import { bilanTemplate } from './documents/bilan';
import { pmTemplate } from './documents/pm';
import { pmpTemplate } from './documents/pmp';
import { pmspTemplate } from './documents/pmsp';
import { psirmtTemplate } from './documents/psirmt';
import { pspTemplate } from './documents/psp';

export { modalities, type Modality, type ModalityId } from './documents/pmp';
export { pmTemplate, pmpTemplate, pspTemplate, psirmtTemplate, pmspTemplate };

/** One template per document kind (docs/GOVERNANCE.md, « Paths »). Treat as read-only: copy before changing. */
export const templates: Record<DocumentKind, DocumentTemplate> = {
  PM: pmTemplate,
  PMP: pmpTemplate,
  PSP: pspTemplate,
  PSIRMT: psirmtTemplate,
  PMSP: pmspTemplate,
  BILAN: bilanTemplate,
};

export function getTemplate(kind: DocumentKind): DocumentTemplate {
  const template = Object.hasOwn(templates, kind) ? templates[kind] : undefined;
  if (!template) throw new Error(`Unknown document kind: ${String(kind)}`);
  return template;
}

function walk(chapters: readonly ChapterTemplate[], visit: (c: ChapterTemplate) => void): void {
  for (const chapter of chapters) {
    visit(chapter);
    if (chapter.children) walk(chapter.children, visit);
  }
}

/** Every chapter id of the template, depth first, in document order. */
export function chapterIds(template: DocumentTemplate): string[] {
  const ids: string[] = [];
  walk(template.chapters, (c) => ids.push(c.id));
  return ids;
}

/** Ids of the mandatory chapters at any depth, in document order. */
export function mandatoryChapterIds(template: DocumentTemplate): string[] {
  const ids: string[] = [];
  walk(template.chapters, (c) => {
    if (c.mandatory) ids.push(c.id);
  });
  return ids;
}

/** Chapters a CHU must write (L6143-2-2, 3rd paragraph), whatever their flag elsewhere. */
export function chuMandatoryChapterIds(template: DocumentTemplate): string[] {
  const ids: string[] = [];
  walk(template.chapters, (c) => {
    if (c.mandatoryInChu) ids.push(c.id);
  });
  return ids;
}

/** Mandatory chapters that apply only where relevant: a coordinator may mark them "sans objet" (never in a CHU when it requires them). */
export function notApplicableChapterIds(template: DocumentTemplate, options: { chu: boolean }): string[] {
  const ids: string[] = [];
  walk(template.chapters, (c) => {
    if (c.mayBeNotApplicable && !(options.chu && c.mandatoryInChu)) ids.push(c.id);
  });
  return ids;
}

/** The template with the chapters `ids` made mandatory (a CHU's parts, for a project of a CHU). */
export function withMandatory<T extends DocumentTemplate>(template: T, ids: readonly string[]): T {
  const mark = (chapters: ChapterTemplate[]): ChapterTemplate[] =>
    chapters.map((c) => ({ ...c, mandatory: c.mandatory || ids.includes(c.id), ...(c.children ? { children: mark(c.children) } : {}) }));
  return { ...template, chapters: mark(template.chapters) };
}
