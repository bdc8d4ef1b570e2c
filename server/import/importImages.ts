import type { JSONContent } from '@tiptap/core';
import { imageSrcPrefix } from './docxToHtml';
import type { MappingLine } from './mapping';
import type { PartItem, SourcePart } from './sourceParts';

const indexOf = (node: JSONContent): number | null => {
  const src = node.type === 'image' ? node.attrs?.src : null;
  return typeof src === 'string' && src.startsWith(imageSrcPrefix) ? Number(src.slice(imageSrcPrefix.length)) : null;
};

function visit(node: JSONContent, found: Set<number>): void {
  const index = indexOf(node);
  if (index !== null) found.add(index);
  for (const child of node.content ?? []) visit(child, found);
}

const itemNodes = (item: PartItem): JSONContent[] => (item.kind === 'rich' ? item.nodes : [item.table]);

/** The document's images (by their index in the conversion) that the parts the user keeps show. */
export function importedImageIndexes(parts: SourcePart[], mapping: MappingLine[]): Set<number> {
  const kept = new Set(mapping.filter((line) => line.action !== 'skip').map((line) => line.partId));
  const found = new Set<number>();
  for (const part of parts) if (kept.has(part.id)) for (const item of part.items) for (const node of itemNodes(item)) visit(node, found);
  return found;
}

function rewrite(node: JSONContent, srcOf: ReadonlyMap<number, string>): JSONContent {
  const index = indexOf(node);
  if (index !== null) return { ...node, attrs: { ...node.attrs, src: srcOf.get(index) ?? null } };
  return node.content ? { ...node, content: node.content.map((child) => rewrite(child, srcOf)) } : node;
}

/** The parts with each image pointing to its copy stored with the project (`/api/projects/…/images/<sha256>`). */
export function withStoredImages(parts: SourcePart[], srcOf: ReadonlyMap<number, string>): SourcePart[] {
  return parts.map((part) => ({
    ...part,
    items: part.items.map(
      (item): PartItem =>
        item.kind === 'rich' ? { ...item, nodes: item.nodes.map((n) => rewrite(n, srcOf)) } : { ...item, table: rewrite(item.table, srcOf) },
    ),
  }));
}
