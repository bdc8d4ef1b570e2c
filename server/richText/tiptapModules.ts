import { getSchema, type JSONContent } from '@tiptap/core';
import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProseMirrorRootNode, yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import { richTextExtensions } from '../../schemas/richText';
import type { RichTextRuntime } from './richTextRuntime';

/**
 * Tiptap, ProseMirror and y-tiptap, through the editor's extension list. Only runtime.ts
 * imports this module, and only dynamically: the bundle puts it and what it imports in a chunk
 * of its own, loaded on first need.
 */
export function tiptapRuntime(): RichTextRuntime {
  const schema = getSchema(richTextExtensions());
  return {
    schema,
    fragmentJson: (fragment: Y.XmlFragment) => yXmlFragmentToProseMirrorRootNode(fragment, schema).toJSON() as JSONContent,
    rawFragmentJson: (fragment: Y.XmlFragment) => yXmlFragmentToProsemirrorJSON(fragment) as JSONContent,
    writeFragment: (json: JSONContent, fragment: Y.XmlFragment) => prosemirrorJSONToYXmlFragment(schema, json, fragment),
  };
}
