import type { SectionNode } from '../../schemas/project';

/** One section of the outline with its place in the tree. */
export interface NumberedSection {
  node: SectionNode;
  /** "1", "1.2", "1.2.3" … */
  number: string;
  depth: number;
}

/** The outline in reading order (depth first), numbered the way the exports number it. */
export function flattenOutline(nodes: SectionNode[], prefix = '', depth = 0): NumberedSection[] {
  const out: NumberedSection[] = [];
  nodes.forEach((node, index) => {
    const number = prefix ? `${prefix}.${index + 1}` : String(index + 1);
    out.push({ node, number, depth });
    out.push(...flattenOutline(node.children, number, depth + 1));
  });
  return out;
}

/** Section id → number. */
export function numberOutline(nodes: SectionNode[]): Map<string, string> {
  return new Map(flattenOutline(nodes).map((s) => [s.node.id, s.number]));
}

/** The section with this id, with its number, or null. */
export function findSection(nodes: SectionNode[], id: string): NumberedSection | null {
  return flattenOutline(nodes).find((s) => s.node.id === id) ?? null;
}
