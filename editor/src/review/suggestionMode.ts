import { Extension } from '@tiptap/core';
import type { Mark, Node as PmNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, TextSelection, type EditorState, type Transaction } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import { suggestionMarkNames, type SuggestionAttrs } from '../../../schemas/suggestionMarks';

/** Whether typing suggests (shared with the panel's switch); `enforced` for a reviewer, who may only suggest. */
export interface SuggestionModeState {
  enabled: boolean;
  enforced: boolean;
  user: { id: string; name: string };
}

export const suggestionModeKey = new PluginKey('suggestionMode');

const newId = () => `s${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
const isSuggestion = (mark: Mark) => mark.type.name === suggestionMarkNames.insert || mark.type.name === suggestionMarkNames.delete;
const ownInsertion = (node: PmNode | null | undefined, userId: string) =>
  node?.marks.find((m) => m.type.name === suggestionMarkNames.insert && m.attrs.authorId === userId);

function attrsFor(mode: SuggestionModeState): SuggestionAttrs {
  return { id: newId(), authorId: mode.user.id, authorName: mode.user.name, at: new Date().toISOString() };
}

/**
 * Turns a deletion of [from, to) into a suggestion: the user's own pending insertions are really
 * removed, other text is marked as proposed for deletion (text someone already proposed to
 * delete is left as it is).
 */
function suggestDeletion(tr: Transaction, from: number, to: number, mode: SuggestionModeState): void {
  const deleteType = tr.doc.type.schema.marks[suggestionMarkNames.delete]!;
  const ranges: { from: number; to: number; own: boolean }[] = [];
  tr.doc.nodesBetween(from, to, (node, pos) => {
    if (!node.isText) return true;
    if (node.marks.some((m) => m.type === deleteType)) return false;
    ranges.push({ from: Math.max(from, pos), to: Math.min(to, pos + node.nodeSize), own: ownInsertion(node, mode.user.id) !== undefined });
    return false;
  });
  const attrs = attrsFor(mode);
  for (const range of ranges.reverse()) {
    if (range.own) tr.delete(range.from, range.to);
    else tr.addMark(range.from, range.to, deleteType.create(attrs));
  }
}

/** Inserts `text` at `at` as the user's suggestion, continuing their insertion just before when there is one. */
function suggestInsertion(tr: Transaction, at: number, text: string, mode: SuggestionModeState): void {
  const $at = tr.doc.resolve(at);
  const insertType = tr.doc.type.schema.marks[suggestionMarkNames.insert]!;
  const previous = ownInsertion($at.nodeBefore, mode.user.id);
  const formatting = $at.marks().filter((m) => !isSuggestion(m));
  const mark = insertType.create(previous ? previous.attrs : attrsFor(mode));
  tr.insert(at, tr.doc.type.schema.text(text, [...formatting, mark]));
  tr.setSelection(TextSelection.create(tr.doc, at + text.length));
}

function replaceWithSuggestion(view: EditorView, from: number, to: number, text: string, mode: SuggestionModeState): void {
  const tr = view.state.tr;
  if (from < to) suggestDeletion(tr, from, to, mode);
  if (text) suggestInsertion(tr, tr.mapping.map(to), text, mode);
  view.dispatch(tr.setMeta(suggestionModeKey, true).scrollIntoView());
}

function deleteKey(view: EditorView, key: 'Backspace' | 'Delete', mode: SuggestionModeState): void {
  const { state } = view;
  const { from, to, empty, $from } = state.selection;
  let start = from;
  let end = to;
  if (empty) {
    // Joining or splitting paragraphs is not a suggestion the marks can carry: nothing happens.
    if (key === 'Backspace' && $from.parentOffset === 0) return;
    if (key === 'Delete' && $from.parentOffset === $from.parent.content.size) return;
    if (key === 'Backspace') start -= 1;
    else end += 1;
  }
  const tr = state.tr;
  suggestDeletion(tr, start, end, mode);
  const caret = key === 'Backspace' ? tr.mapping.map(start, -1) : tr.mapping.map(end);
  tr.setSelection(TextSelection.create(tr.doc, caret));
  view.dispatch(tr.setMeta(suggestionModeKey, true));
}

/**
 * Suggestion mode (issue 21): typing inserts text marked as the user's suggestion; deleting marks
 * text as proposed for deletion. Inline changes only: Enter, drops and other structural edits do
 * nothing while suggesting. For a reviewer the mode is enforced: any other change to the
 * document from this editor is dropped (the server would refuse it and close the connection).
 */
export const SuggestionMode = Extension.create<{ mode: SuggestionModeState }>({
  name: 'suggestionMode',
  addOptions() {
    return { mode: { enabled: false, enforced: false, user: { id: '', name: '' } } };
  },
  addProseMirrorPlugins() {
    const { mode } = this.options;
    return [
      new Plugin({
        key: suggestionModeKey,
        props: {
          handleTextInput: (view, from, to, text) => {
            if (!mode.enabled) return false;
            replaceWithSuggestion(view, from, to, text, mode);
            return true;
          },
          handleKeyDown: (view, event) => {
            if (!mode.enabled) return false;
            if (event.key === 'Backspace' || event.key === 'Delete') {
              deleteKey(view, event.key, mode);
              return true;
            }
            return event.key === 'Enter';
          },
          handlePaste: (view, _event, slice) => {
            if (!mode.enabled) return false;
            const { from, to } = view.state.selection;
            replaceWithSuggestion(view, from, to, slice.content.textBetween(0, slice.content.size, ' '), mode);
            return true;
          },
          handleDrop: () => mode.enabled,
        },
        filterTransaction: (tr: Transaction, _state: EditorState) =>
          !mode.enforced || !tr.docChanged || tr.getMeta(suggestionModeKey) === true || tr.getMeta(ySyncPluginKey) !== undefined,
      }),
    ];
  },
});
