import * as Y from 'yjs';
import { fragmentName } from './docLayout';

/** The plain text of a section, block by block (one line per paragraph, heading or cell). */
export function sectionPlainText(doc: Y.Doc, sectionId: string): string {
  const lines: string[] = [];
  const walk = (node: Y.XmlElement | Y.XmlFragment): void => {
    let inline = '';
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlText) {
        for (const op of child.toDelta() as { insert: unknown }[]) if (typeof op.insert === 'string') inline += op.insert;
      } else if (child instanceof Y.XmlElement) walk(child);
    }
    if (inline) lines.push(inline);
  };
  walk(doc.getXmlFragment(fragmentName(sectionId)));
  return lines.join('\n');
}
