import type { Schema } from '@tiptap/pm/model';

let schemaOf: (() => Schema) | null = null;

/**
 * Where isRichTextDoc finds the schema. The server provides it once Tiptap is loaded (it loads
 * it on first need: server/richText/runtime.ts), so that this module, read by the API's body
 * schemas, does not load Tiptap itself.
 */
export function provideRichTextSchema(source: () => Schema): void {
  schemaOf = source;
}

/** True when the value is a ProseMirror document valid in the product's rich-text schema. */
export function isRichTextDoc(value: unknown): boolean {
  if (!value || typeof value !== 'object' || (value as { type?: unknown }).type !== 'doc') return false;
  if (!schemaOf) throw new Error('isRichTextDoc used before the rich-text schema was provided');
  try {
    schemaOf().nodeFromJSON(value).check();
    return true;
  } catch {
    return false;
  }
}
