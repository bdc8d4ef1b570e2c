import { Mark } from '@tiptap/core';
import { z } from 'zod';

/**
 * Suggestions are marks on the text (as in prosemirror-suggest-changes, Fidus Writer or the
 * manuscripts track-changes plugin): a proposed insertion is text carrying `suggestionInsert`, a
 * proposed deletion is text kept but carrying `suggestionDelete`, each with who proposed it and
 * when. In the Y.Doc they are formatting attributes of a Y.XmlText, keyed by the mark's name
 * (the marks exclude themselves, so y-prosemirror does not hash their key), valued by the attrs.
 */
export const suggestionMarkNames = { insert: 'suggestionInsert', delete: 'suggestionDelete' } as const;
export type SuggestionKind = keyof typeof suggestionMarkNames;

export const SuggestionAttrs = z.object({
  id: z.string().min(1).max(64),
  authorId: z.string().min(1).max(64),
  authorName: z.string().max(200),
  /** ISO date-time the suggestion was made (the proposer's clock). */
  at: z.string().max(40),
});
export type SuggestionAttrs = z.infer<typeof SuggestionAttrs>;

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
