import type { Editor } from '@tiptap/core';
import type { Node as PmNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { inlineObject } from '../../../schemas/documentText';
import { findMatches } from '../../../schemas/textSearch';

/**
 * The find bar's marks in the open section's text: every match highlighted, the current one
 * more strongly (ProseMirror decorations: nothing is written to the document). The text is read
 * block by block as schemas/documentText.ts reads the Yjs fragment, so the k-th match here is
 * the k-th the find bar counted in this section.
 */

export interface FindState {
  query: string;
  /** Index of the current match among this section's, or -1. */
  current: number;
}

export const findHighlightKey = new PluginKey<{ find: FindState; decorations: DecorationSet }>('findHighlight');

/** The matches of a document as ProseMirror ranges, in document order. */
export function matchRanges(doc: PmNode, query: string): { from: number; to: number }[] {
  const ranges: { from: number; to: number }[] = [];
  if (query.trim() === '') return ranges;
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    let text = '';
    node.forEach((child) => {
      text += child.isText ? (child.text ?? '') : inlineObject.repeat(child.nodeSize);
    });
    for (const match of findMatches(text, query)) ranges.push({ from: pos + 1 + match.start, to: pos + 1 + match.end });
    return false;
  });
  return ranges;
}

function decorate(doc: PmNode, find: FindState): DecorationSet {
  const ranges = matchRanges(doc, find.query);
  return DecorationSet.create(
    doc,
    ranges.map((range, index) => Decoration.inline(range.from, range.to, { class: index === find.current ? 'find-match find-match-current' : 'find-match' })),
  );
}

function findPlugin(): Plugin {
  return new Plugin({
    key: findHighlightKey,
    state: {
      init: () => ({ find: { query: '', current: -1 }, decorations: DecorationSet.empty }),
      apply(tr, value, _old, state) {
        const next = tr.getMeta(findHighlightKey) as FindState | undefined;
        if (next) return { find: next, decorations: decorate(state.doc, next) };
        if (tr.docChanged && value.find.query) return { find: value.find, decorations: decorate(state.doc, value.find) };
        return value;
      },
    },
    props: {
      decorations: (state) => findHighlightKey.getState(state)?.decorations,
    },
  });
}

/** Adds the highlighting to a section's editor (once per editor). */
export function addFindHighlight(editor: Editor): void {
  if (!findHighlightKey.getState(editor.state)) editor.registerPlugin(findPlugin());
}

/** Highlights `query` in the editor, `current` (an index among this section's matches) the most; scrolls to it. */
export function showFind(editor: Editor, find: FindState): void {
  if (editor.isDestroyed) return;
  addFindHighlight(editor);
  editor.view.dispatch(editor.state.tr.setMeta(findHighlightKey, find));
  if (find.current >= 0) editor.view.dom.querySelector('.find-match-current')?.scrollIntoView({ block: 'center' });
}
