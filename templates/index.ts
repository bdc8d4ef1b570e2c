import type { ChapterTemplate, DocumentKind, DocumentTemplate } from '../schemas/project';
import { pmTemplate } from './documents/pm';
import { pmpTemplate } from './documents/pmp';
import { pmspTemplate } from './documents/pmsp';
import { psirmtTemplate } from './documents/psirmt';
import { pspTemplate } from './documents/psp';

export { modalities, type Modality, type ModalityId } from './documents/pmp';
export { pmTemplate, pmpTemplate, pspTemplate, psirmtTemplate, pmspTemplate };

/** One template per document kind (BRIEF §2). Treat as read-only: copy before changing. */
export const templates: Record<DocumentKind, DocumentTemplate> = {
  PM: pmTemplate,
  PMP: pmpTemplate,
  PSP: pspTemplate,
  PSIRMT: psirmtTemplate,
  PMSP: pmspTemplate,
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
