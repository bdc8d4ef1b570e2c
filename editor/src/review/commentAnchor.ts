import type { Editor } from '@tiptap/core';
import { absolutePositionToRelativePosition, ySyncPluginKey } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { commentLimits, type CommentAnchor, type RelativePositionJson } from '../../../schemas/comments';

interface Binding {
  type: Y.XmlFragment;
  doc: Y.Doc;
  mapping: Parameters<typeof absolutePositionToRelativePosition>[2];
}

const bindingOf = (editor: Editor): Binding | null => (ySyncPluginKey.getState(editor.state)?.binding as Binding | undefined) ?? null;

/** The selection as a comment anchor: Yjs relative positions that follow the text as it is edited. */
export function anchorOfSelection(editor: Editor): CommentAnchor | null {
  const binding = bindingOf(editor);
  const { from, to, empty } = editor.state.selection;
  if (!binding || empty) return null;
  const json = (pos: number) =>
    Y.relativePositionToJSON(absolutePositionToRelativePosition(pos, binding.type, binding.mapping) as Y.RelativePosition) as RelativePositionJson;
  return { start: json(from), end: json(to), quote: editor.state.doc.textBetween(from, to, ' ').slice(0, commentLimits.quote) };
}
