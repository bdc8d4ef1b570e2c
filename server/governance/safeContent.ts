import type { JSONContent } from '@tiptap/core';
import { richTextFromJson } from '../export/model/richText';
import type { DocumentContent } from '../../schemas/api/versionContent';

/**
 * Rich text as the API hands it out: only http(s)/mailto link targets survive. The editor
 * refuses other schemes, but a hand-made Yjs update or act body can still carry `javascript:`,
 * `data:` or `file:` links; a client rendering the JSON must never receive them.
 */
export function safeRichText(value: unknown): JSONContent | null {
  return value === null || value === undefined ? null : (richTextFromJson(value) as JSONContent | null);
}

/** A version's content with every section's text filtered (its stored form and hash unchanged). */
export function safeDocumentContent(content: DocumentContent): DocumentContent {
  return { ...content, sections: content.sections.map((s) => ({ ...s, text: safeRichText(s.text) ?? { type: 'doc', content: [] } })) };
}
