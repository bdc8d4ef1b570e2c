import { readThreads, type CommentThread } from '../../schemas/commentThreads';
import { listSuggestions, type Suggestion } from '../../schemas/suggestions';
import type { UserRecord } from '../store/users';
import type { Deps } from '../deps';
import { findReadableProject } from './projects';

/** The project's comment threads (GET /api/projects/:id/comments), a section's only when asked. */
export function projectComments(deps: Deps, user: UserRecord, projectId: string, sectionId?: string): CommentThread[] {
  findReadableProject(deps, user, projectId);
  return readThreads(deps.registry.get(projectId).doc).filter((thread) => sectionId === undefined || thread.sectionId === sectionId);
}

/** The pending suggestions (GET /api/projects/:id/suggestions), in document order. */
export function projectSuggestions(deps: Deps, user: UserRecord, projectId: string, filter: { sectionId?: string; authorId?: string } = {}): Suggestion[] {
  findReadableProject(deps, user, projectId);
  const doc = deps.registry.get(projectId).doc;
  return listSuggestions(doc, filter.sectionId !== undefined ? [filter.sectionId] : undefined).filter(
    (s) => filter.authorId === undefined || s.authorId === filter.authorId,
  );
}
