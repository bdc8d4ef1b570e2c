import { getSchema } from '@tiptap/core';
import type { Schema } from '@tiptap/pm/model';
import { richTextExtensions } from './richText';

let cachedSchema: Schema | null = null;

/** The ProseMirror schema of a section's text (built once: building it costs milliseconds). */
export const richTextSchema = (): Schema => (cachedSchema ??= getSchema(richTextExtensions()));

/** True when the value is a ProseMirror document valid in the product's rich-text schema. */
export function isRichTextDoc(value: unknown): boolean {
  if (!value || typeof value !== 'object' || (value as { type?: unknown }).type !== 'doc') return false;
  try {
    richTextSchema().nodeFromJSON(value).check();
    return true;
  } catch {
    return false;
  }
}
