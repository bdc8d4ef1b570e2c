import { z } from 'zod';
import type { SuggestionKind } from '../suggestionMarkData';
import { Id } from './ids';

/**
 * Comments and suggestions as the review routes read and decide them (docs/API.md, "Review"):
 * parsed and answered by server/http/routes/review.ts, used by the side panel and the réserves form.
 */

export const ReviewQuery = z.object({ sectionId: Id.optional(), authorId: Id.optional() });
export const DecisionBody = z.object({
  action: z.enum(['accept', 'reject']),
  ids: z.array(z.string().min(1).max(64)).min(1).max(500).optional(),
  sectionId: Id.optional(),
  authorId: Id.optional(),
});

export type DecisionAction = z.infer<typeof DecisionBody>['action'];
/** One suggestion, a chapter's, or a person's: what one decision covers (filters combine). */
export type DecisionRequest = z.infer<typeof DecisionBody>;

/** 201 of a decision: what undoing it names, and how many suggestions it covered. */
export interface DecisionAnswer {
  decisionId: string;
  count: number;
}

/** A person as the review routes name them. */
export interface PersonRef {
  id: string;
  name: string;
}

export interface CommentMessageView {
  id: string;
  author: PersonRef;
  body: string;
  createdAt: string;
  mentions: PersonRef[];
}

/** A comment thread (GET /api/projects/:id/comments). */
export interface CommentThreadView extends CommentMessageView {
  sectionId: string;
  resolved: boolean;
  resolvedBy: PersonRef | null;
  resolvedAt: string | null;
  replies: CommentMessageView[];
  /** The text the thread is anchored to, and whether that text is gone. */
  anchor: { text: string; detached: boolean };
}

/** A pending suggestion (GET /api/projects/:id/suggestions), in document order. */
export interface SuggestionView {
  id: string;
  kind: SuggestionKind;
  sectionId: string;
  author: PersonRef;
  at: string;
  text: string;
}
