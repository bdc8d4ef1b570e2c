import { getSchema } from '@tiptap/core';
import { richTextExtensions } from '../../schemas/richText';

let names: Set<string> | undefined;

/** Element names a section's Y.XmlFragment may hold: the nodes of the editor's schema. */
export function richTextNodeNames(): Set<string> {
  names ??= new Set(Object.keys(getSchema(richTextExtensions()).nodes).filter((name) => name !== 'doc' && name !== 'text'));
  return names;
}
