import { Mark } from '@tiptap/core';

import { SuggestionAttrs, suggestionMarkNames, type SuggestionKind } from './suggestionMarkData';
export { SuggestionAttrs, suggestionMarkNames, type SuggestionKind };

const attributes = () => ({
  id: { default: '' },
  authorId: { default: '' },
  authorName: { default: '' },
  at: { default: '' },
});

const dataAttributes = (kind: SuggestionKind, attrs: Record<string, unknown>) => ({
  class: `suggestion suggestion-${kind}`,
  'data-suggestion': String(attrs.id ?? ''),
  'data-author': String(attrs.authorId ?? ''),
  title: `${String(attrs.authorName ?? '')}${attrs.at ? ` — ${String(attrs.at)}` : ''}`,
});

/** A proposed insertion: shown underlined in colour until accepted (mark removed) or rejected (text removed). */
export const SuggestionInsert = Mark.create({
  name: suggestionMarkNames.insert,
  // Typing next to a suggestion is not part of it: the suggestion mode adds the mark itself.
  inclusive: false,
  addAttributes: attributes,
  parseHTML: () => [{ tag: 'ins[data-suggestion]' }],
  renderHTML: ({ mark }) => ['ins', dataAttributes('insert', mark.attrs), 0],
});

/** A proposed deletion: the text stays, struck through, until accepted (text removed) or rejected (mark removed). */
export const SuggestionDelete = Mark.create({
  name: suggestionMarkNames.delete,
  inclusive: false,
  addAttributes: attributes,
  parseHTML: () => [{ tag: 'del[data-suggestion]' }],
  renderHTML: ({ mark }) => ['del', dataAttributes('delete', mark.attrs), 0],
});
