import { createHash } from 'node:crypto';
import type { JSONContent } from '@tiptap/core';
import type * as Y from 'yjs';
import { acceptedText } from '../../schemas/acceptedText';
import { fragmentName, readOutline } from '../../schemas/docLayout';
import type { SectionNode } from '../../schemas/project';
import { structuredRoots } from '../../schemas/structured';
import type { DocumentContent } from '../../schemas/api/versionContent';
import { richText } from '../richText/runtime';

function sectionText(doc: Y.Doc, sectionId: string): JSONContent {
  const fragment = doc.getXmlFragment(fragmentName(sectionId));
  try {
    // A version holds the text as it stands: pending suggestions are not part of what is voted.
    return acceptedText(richText().fragmentJson(fragment));
  } catch {
    // Content outside the schema: keep it rather than hide it from the version.
    return acceptedText(richText().rawFragmentJson(fragment));
  }
}

function flatten(nodes: SectionNode[], parentId: string | null, out: SectionNode[], parents: Map<string, string | null>): void {
  for (const node of nodes) {
    out.push(node);
    parents.set(node.id, parentId);
    flatten(node.children, node.id, out, parents);
  }
}

/** Renders a Y.Doc (live or frozen) into its canonical content. */
export function documentContent(doc: Y.Doc): DocumentContent {
  const meta = doc.getMap<unknown>('meta');
  const ordered: SectionNode[] = [];
  const parents = new Map<string, string | null>();
  flatten(readOutline(doc), null, ordered, parents);
  const structured: Record<string, unknown> = {};
  for (const root of Object.values(structuredRoots)) structured[root] = doc.getMap(root).toJSON();
  return {
    title: String(meta.get('title') ?? ''),
    kind: String(meta.get('kind') ?? ''),
    etablissements: meta.get('etablissements') ?? [],
    sections: ordered.map((node, index) => ({
      id: node.id,
      title: node.title,
      parentId: parents.get(node.id) ?? null,
      order: index + 1,
      blocks: node.blocks,
      text: sectionText(doc, node.id),
      // Only when set, so the hash of a version without such a mark stays what it was.
      ...(node.notApplicable ? { notApplicable: node.notApplicable.reason } : {}),
    })),
    structured,
  };
}

/** JSON with object keys sorted at every level, so equal content always gives equal text. */
export function canonicalJson(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(v).sort()) {
        const child = (v as Record<string, unknown>)[key];
        if (child !== undefined) out[key] = sort(child);
      }
      return out;
    }
    return v;
  };
  return JSON.stringify(sort(value));
}

export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The canonical rendering and its SHA-256: identical content gives the identical hash. */
export function contentFingerprint(doc: Y.Doc): { content: DocumentContent; canonical: string; hash: string } {
  const content = documentContent(doc);
  const canonical = canonicalJson(content);
  return { content, canonical, hash: sha256Hex(canonical) };
}
