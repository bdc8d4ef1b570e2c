import type { CommentMessageView, CommentThreadView, PersonRef, SuggestionView } from '../../../schemas/api/review';
import type { CommentMessage, CommentThread } from '../../../schemas/commentThreads';
import type { Suggestion } from '../../../schemas/suggestions';

/** An account's current name, undefined when the account is gone: the route reads it. */
export type NameOf = (userId: string) => string | undefined;

const personOf = (id: string, nameOf: NameOf): PersonRef => ({ id, name: nameOf(id) ?? '' });

const presentMessage = (message: CommentMessage, nameOf: NameOf): CommentMessageView => ({
  id: message.id,
  author: personOf(message.authorId, nameOf),
  body: message.body,
  createdAt: message.createdAt,
  mentions: message.mentions.map((id) => personOf(id, nameOf)),
});

/** A comment thread with its replies, people named as they are called now. */
export const presentCommentThread = (thread: CommentThread, nameOf: NameOf): CommentThreadView => ({
  ...presentMessage(thread, nameOf),
  sectionId: thread.sectionId,
  resolved: thread.resolved,
  resolvedBy: thread.resolvedBy ? personOf(thread.resolvedBy, nameOf) : null,
  resolvedAt: thread.resolvedAt || null,
  replies: thread.replies.map((reply) => presentMessage(reply, nameOf)),
  anchor: thread.anchor,
});

/**
 * A pending suggestion, its author named as called now (or, for an account that is gone, as
 * the mark recorded): the list answers it, and the audit log keeps each decided one this way.
 */
export const presentSuggestion = (suggestion: Suggestion, nameOf: NameOf): SuggestionView => ({
  id: suggestion.id,
  kind: suggestion.kind,
  sectionId: suggestion.sectionId,
  author: { id: suggestion.authorId, name: nameOf(suggestion.authorId) ?? suggestion.authorName },
  at: suggestion.at,
  text: suggestion.text,
});
