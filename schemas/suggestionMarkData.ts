import { z } from 'zod';

/**
 * Suggestions are marks on the text (as in prosemirror-suggest-changes, Fidus Writer or the
 * manuscripts track-changes plugin): a proposed insertion is text carrying `suggestionInsert`, a
 * proposed deletion is text kept but carrying `suggestionDelete`, each with who proposed it and
 * when. In the Y.Doc they are formatting attributes of a Y.XmlText, keyed by the mark's name
 * (the marks exclude themselves, so y-prosemirror does not hash their key), valued by the attrs.
 * The marks themselves (Tiptap extensions) are in suggestionMarks.ts; these names and attributes
 * are apart so that the server reads suggestions without loading Tiptap.
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
