import { suggestionMarkNames } from './suggestionMarkData';

/** The shape of ProseMirror JSON this needs (Tiptap's JSONContent and the exports' RichNode both fit). */
interface Node {
  type?: string;
  text?: string;
  marks?: { type: string }[];
  content?: Node[];
}

const hasMark = (node: Node, name: string) => node.marks?.some((m) => m.type === name) === true;

/**
 * The text as it stands while suggestions are pending (what exports and versions show): pending
 * insertions left out, text proposed for deletion kept, without the suggestion marks.
 */
export function acceptedText<T extends Node>(node: T): T {
  const out = { ...node };
  if (node.marks) {
    const kept = node.marks.filter((m) => m.type !== suggestionMarkNames.insert && m.type !== suggestionMarkNames.delete);
    if (kept.length > 0) out.marks = kept;
    else delete out.marks;
  }
  if (node.content)
    out.content = node.content.filter((child) => !(child.type === 'text' && hasMark(child, suggestionMarkNames.insert))).map((child) => acceptedText(child));
  return out;
}
