import { z } from 'zod';
import { limits } from './limits';
import type { ChapterTemplate, DocumentTemplate } from './project';
import { blockKinds } from './structured';

export const ChapterInput: z.ZodType<ChapterTemplate> = z.lazy(() =>
  z.object({
    id: z
      .string()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'identifiant attendu en minuscules et tirets')
      .max(64),
    title: z.string().trim().min(1).max(limits.titleLength),
    legalBasis: z.string().max(limits.titleLength).optional(),
    guidance: z.string().max(limits.governanceTextLength).optional(),
    mandatory: z.boolean(),
    blocks: z.array(z.enum(blockKinds)).optional(),
    children: z.array(ChapterInput).max(100).optional(),
  }),
);
export const CustomisationInput = z.object({ chapters: z.array(ChapterInput).min(1).max(100) });

export interface CustomisationError {
  path: string;
  message: string;
}

function index(chapters: ChapterTemplate[], prefix: string, out = new Map<string, { chapter: ChapterTemplate; path: string }>()) {
  chapters.forEach((chapter, i) => {
    const path = `${prefix}.${i}`;
    if (!out.has(chapter.id)) out.set(chapter.id, { chapter, path });
    if (chapter.children) index(chapter.children, `${path}.children`, out);
  });
  return out;
}

function allIds(chapters: ChapterTemplate[]): string[] {
  return chapters.flatMap((c) => [c.id, ...allIds(c.children ?? [])]);
}

/**
 * Checks an organisation's version of a template: chapters may be added, renamed, reordered or
 * made mandatory, but a mandatory part of the base template may not be dropped, made optional,
 * lose its legal basis, or be moved under another parent's id. Returns every fault, by path.
 */
export function validateCustomisation(base: DocumentTemplate, chapters: ChapterTemplate[]): CustomisationError[] {
  const errors: CustomisationError[] = [];
  const custom = index(chapters, 'chapters');
  const seen = new Set<string>();
  for (const id of allIds(chapters)) {
    if (seen.has(id)) errors.push({ path: custom.get(id)!.path + '.id', message: `L’identifiant « ${id} » est utilisé deux fois.` });
    seen.add(id);
  }
  for (const [id, { chapter: original }] of index(base.chapters, 'base')) {
    if (!original.mandatory) continue;
    const found = custom.get(id);
    if (!found) {
      errors.push({
        path: 'chapters',
        message: `La partie obligatoire « ${original.title} » (${original.legalBasis ?? 'texte réglementaire'}) ne peut pas être supprimée.`,
      });
      continue;
    }
    if (!found.chapter.mandatory) {
      errors.push({
        path: `${found.path}.mandatory`,
        message: `La partie « ${original.title} » est obligatoire (${original.legalBasis ?? ''}) et ne peut pas devenir facultative.`,
      });
    }
    if (original.legalBasis && found.chapter.legalBasis !== original.legalBasis) {
      errors.push({
        path: `${found.path}.legalBasis`,
        message: `Le fondement juridique de « ${original.title} » (${original.legalBasis}) ne peut pas être modifié.`,
      });
    }
    for (const block of original.blocks ?? []) {
      if (!found.chapter.blocks?.includes(block)) {
        errors.push({ path: `${found.path}.blocks`, message: `La partie « ${original.title} » doit garder son bloc structuré « ${block} ».` });
      }
    }
  }
  return errors;
}
