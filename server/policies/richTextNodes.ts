/**
 * Element names a section's Y.XmlFragment may hold: the nodes of the editor's schema (schemas/
 * richText.ts) but `doc` and `text`. Written out rather than read from the schema, so that the
 * update guard, which runs on every keystroke, does not load Tiptap and ProseMirror: an idle
 * server, or one whose editors only type, never needs them (about 6 MiB of RSS, loaded on the
 * first export, import, version or restore). test/unit/richTextNodes.test.ts holds the list
 * to the schema.
 */
const names: ReadonlySet<string> = new Set([
  'paragraph',
  'blockquote',
  'bulletList',
  'codeBlock',
  'hardBreak',
  'heading',
  'horizontalRule',
  'listItem',
  'orderedList',
  'table',
  'tableCell',
  'tableHeader',
  'tableRow',
  'image',
]);

export function richTextNodeNames(): ReadonlySet<string> {
  return names;
}
