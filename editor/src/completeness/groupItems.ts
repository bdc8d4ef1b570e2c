import type { CompletenessItem } from '../../../templates/completeness';
import type { NumberedSection } from '../outlineNumbering';

export interface CompletenessGroup {
  sectionId: string;
  /** "1.2 Objectifs médicaux", or null for a mandatory part the document does not have. */
  label: string | null;
  items: CompletenessItem[];
}

/**
 * The report's items chapter by chapter, in the order of the document; parts absent from the
 * document (which cannot be opened) come last.
 */
export function groupItems(items: CompletenessItem[], outline: NumberedSection[]): CompletenessGroup[] {
  const bySection = new Map<string, CompletenessItem[]>();
  for (const item of items) {
    const list = bySection.get(item.sectionId) ?? [];
    list.push(item);
    bySection.set(item.sectionId, list);
  }
  const groups: CompletenessGroup[] = [];
  for (const { node, number } of outline) {
    const list = bySection.get(node.id);
    if (!list) continue;
    groups.push({ sectionId: node.id, label: `${number} ${node.title || 'Section sans titre'}`, items: list });
    bySection.delete(node.id);
  }
  for (const [sectionId, list] of bySection) groups.push({ sectionId, label: null, items: list });
  return groups;
}

/** "1 élément à compléter", "12 éléments à compléter". */
export function countText(count: number): string {
  return count === 1 ? '1 élément à compléter' : `${count} éléments à compléter`;
}
