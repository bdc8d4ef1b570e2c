import type { CommentMessageView, CommentThreadView, PersonRef, SuggestionView } from '../../schemas/api/review';
import { readThreads, type CommentMessage } from '../../schemas/commentThreads';
import { listSuggestions, type Suggestion } from '../../schemas/suggestions';
import type { UserRecord } from '../store/users';
import type { Deps } from '../deps';
import { findReadableProject } from './projects';

const personOf = (deps: Deps, id: string): PersonRef => ({ id, name: deps.store.users.get(id)?.name ?? '' });

const presentMessage = (deps: Deps, message: CommentMessage): CommentMessageView => ({
  id: message.id,
  author: personOf(deps, message.authorId),
  body: message.body,
  createdAt: message.createdAt,
  mentions: message.mentions.map((id) => personOf(deps, id)),
});

/** The project's comment threads (GET /api/projects/:id/comments), a section's only when asked. */
export function projectComments(deps: Deps, user: UserRecord, projectId: string, sectionId?: string): CommentThreadView[] {
  findReadableProject(deps, user, projectId);
  return readThreads(deps.registry.get(projectId).doc)
    .filter((thread) => sectionId === undefined || thread.sectionId === sectionId)
    .map((thread) => ({
      ...presentMessage(deps, thread),
      sectionId: thread.sectionId,
      resolved: thread.resolved,
      resolvedBy: thread.resolvedBy ? personOf(deps, thread.resolvedBy) : null,
      resolvedAt: thread.resolvedAt || null,
      replies: thread.replies.map((reply) => presentMessage(deps, reply)),
      anchor: thread.anchor,
    }));
}

/** The pending suggestions (GET /api/projects/:id/suggestions), in document order. */
export function projectSuggestions(deps: Deps, user: UserRecord, projectId: string, filter: { sectionId?: string; authorId?: string } = {}): SuggestionView[] {
  findReadableProject(deps, user, projectId);
  const doc = deps.registry.get(projectId).doc;
  return listSuggestions(doc, filter.sectionId !== undefined ? [filter.sectionId] : undefined)
    .filter((s: Suggestion) => filter.authorId === undefined || s.authorId === filter.authorId)
    .map((s) => ({
      id: s.id,
      kind: s.kind,
      sectionId: s.sectionId,
      author: { id: s.authorId, name: deps.store.users.get(s.authorId)?.name ?? s.authorName },
      at: s.at,
      text: s.text,
    }));
}
