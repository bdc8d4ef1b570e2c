import type { JSONContent } from '@tiptap/core';

/**
 * What a frozen version holds, as GET /api/projects/:id/versions/:versionId sends it: made by
 * server/governance/content.ts (its hash covers exactly this), read by the editor's version page.
 */

/** One section as the instances read it: where it sits, its title and its text. */
export interface SectionContent {
  id: string;
  title: string;
  parentId: string | null;
  /** Depth-first position in the document (1, 2, 3…), so moves show in a diff. */
  order: number;
  blocks: string[];
  /** The section's rich text as ProseMirror JSON (`{type:'doc',content:[…]}`). */
  text: JSONContent;
  /** Why the part is "sans objet", when a coordinator marked it so (part of what is voted). */
  notApplicable?: string;
}

/**
 * The canonical content of a document: what a version freezes and what its hash covers. It
 * leaves out what does not change the text put to the vote (writing status, guidance).
 */
export interface DocumentContent {
  title: string;
  kind: string;
  etablissements: unknown;
  sections: SectionContent[];
  /** The structured roots (filières, fiches-actions, indicators, objectifs) as plain JSON. */
  structured: Record<string, unknown>;
}
