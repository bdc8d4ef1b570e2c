import * as Y from 'yjs';
import { fragmentName } from '../../schemas/docLayout';
import type { SuggestionAttrs } from '../../schemas/suggestionMarks';

/** The Y.XmlText of a section's first paragraph (as `appendParagraph` makes it). */
export function firstText(doc: Y.Doc, sectionId: string): Y.XmlText {
  const paragraph = doc.getXmlFragment(fragmentName(sectionId)).get(0);
  if (!(paragraph instanceof Y.XmlElement)) throw new Error(`no paragraph in ${sectionId}`);
  const text = paragraph.get(0);
  if (!(text instanceof Y.XmlText)) throw new Error(`no text in ${sectionId}`);
  return text;
}

export function suggestion(authorId: string, id = `s-${Math.random().toString(36).slice(2, 10)}`): SuggestionAttrs {
  return { id, authorId, authorName: 'Relecteur', at: '2026-12-03T09:00:00.000Z' };
}

/** What a document holds, structs and deletions (an update's delete set is not diffed by state vector). */
export function fingerprint(doc: Y.Doc): string {
  return Buffer.from(Y.encodeSnapshot(Y.snapshot(doc))).toString('base64');
}
