import type { VersionSection } from './govApi';

export interface NumberedSection {
  section: VersionSection;
  number: string;
  depth: number;
}

/** Sections in document order with their outline numbers ("1", "1.2"…), from parentId and order. */
export function numberSections(sections: VersionSection[]): NumberedSection[] {
  const byParent = new Map<string | null, VersionSection[]>();
  const ids = new Set(sections.map((s) => s.id));
  for (const s of sections) {
    const parent = s.parentId && ids.has(s.parentId) ? s.parentId : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), s]);
  }
  const out: NumberedSection[] = [];
  const walk = (parent: string | null, prefix: string, depth: number): void => {
    const children = (byParent.get(parent) ?? []).sort((a, b) => a.order - b.order);
    children.forEach((s, i) => {
      const number = prefix ? `${prefix}.${i + 1}` : String(i + 1);
      out.push({ section: s, number, depth });
      if (depth < 8) walk(s.id, number, depth + 1);
    });
  };
  walk(null, '', 0);
  return out;
}
