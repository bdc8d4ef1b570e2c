import * as Y from 'yjs';
import { fragmentName } from '../../schemas/docLayout';

/** Appends a paragraph to a section the way the editor's binding would (XmlElement + XmlText). */
export function appendParagraph(doc: Y.Doc, sectionId: string, text: string): void {
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  const fragment = doc.getXmlFragment(fragmentName(sectionId));
  fragment.insert(fragment.length, [paragraph]);
}
