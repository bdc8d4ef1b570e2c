import type { ChapterTemplate } from '../../schemas/project';

type Field = 'title' | 'legalBasis' | 'guidance' | 'mandatory' | 'blocks' | 'parent' | 'position';

export type ChapterChange =
  | { id: string; change: 'added'; chapter: Omit<ChapterTemplate, 'children'> & { parent: string | null; position: number } }
  | { id: string; change: 'removed'; title: string }
  | { id: string; change: 'changed'; fields: Partial<Record<Field, { before: unknown; after: unknown }>> };

interface Placed {
  chapter: ChapterTemplate;
  parent: string | null;
  position: number;
}

function flatten(chapters: ChapterTemplate[], parent: string | null = null, out = new Map<string, Placed>()): Map<string, Placed> {
  chapters.forEach((chapter, position) => {
    out.set(chapter.id, { chapter, parent, position });
    flatten(chapter.children ?? [], chapter.id, out);
  });
  return out;
}

const valueOf = (p: Placed, field: Field): unknown =>
  field === 'parent' ? p.parent : field === 'position' ? p.position : field === 'blocks' ? (p.chapter.blocks ?? []) : (p.chapter[field] ?? null);

const fields: Field[] = ['title', 'legalBasis', 'guidance', 'mandatory', 'blocks', 'parent', 'position'];

/**
 * Every chapter added, removed or changed between two chapter trees, with the values before
 * and after: what the audit log keeps of a template change, so a foreign chapter or a
 * guidance pointing elsewhere can be traced to who saved it.
 */
export function diffChapters(before: ChapterTemplate[], after: ChapterTemplate[]): ChapterChange[] {
  const old = flatten(before);
  const neu = flatten(after);
  const changes: ChapterChange[] = [];
  for (const [id, placed] of neu) {
    const previous = old.get(id);
    if (!previous) {
      const { children: _children, ...chapter } = placed.chapter;
      changes.push({ id, change: 'added', chapter: { ...chapter, parent: placed.parent, position: placed.position } });
      continue;
    }
    const changed: Partial<Record<Field, { before: unknown; after: unknown }>> = {};
    for (const field of fields) {
      const a = valueOf(previous, field);
      const b = valueOf(placed, field);
      if (JSON.stringify(a) !== JSON.stringify(b)) changed[field] = { before: a, after: b };
    }
    if (Object.keys(changed).length > 0) changes.push({ id, change: 'changed', fields: changed });
  }
  for (const [id, placed] of old) if (!neu.has(id)) changes.push({ id, change: 'removed', title: placed.chapter.title });
  return changes;
}
