import type { JSONContent } from '@tiptap/core';
import type { Schema } from '@tiptap/pm/model';
import type * as Y from 'yjs';

/** The section text's schema and its conversions between Y.XmlFragment and ProseMirror JSON. */
export interface RichTextRuntime {
  schema: Schema;
  /** Through the schema: content outside it throws (or is dropped, as ProseMirror decides). */
  fragmentJson(fragment: Y.XmlFragment): JSONContent;
  /** As the fragment holds it, schema or not. */
  rawFragmentJson(fragment: Y.XmlFragment): JSONContent;
  /** Appends the document's nodes to the fragment. */
  writeFragment(json: JSONContent, fragment: Y.XmlFragment): void;
}
