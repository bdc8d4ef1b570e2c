import * as Y from 'yjs';
import type { Deps } from '../deps';
import { getVersion, type FrozenVersion } from '../queries/versions';
import { DomainError } from '../errors';
import type { ProjectRecord } from '../store/projects';
import type { VersionSummary } from '../store/versions';
import { exportImages } from './exportImages';
import { timelineEntries, versionStatus, versionTitle } from './governanceFacts';
import type { ModelContext } from './model/build';
import type { ModelSource } from './model/fromState';
import { frenchDateTime } from './model/french';
import type { ReviewCommentSource } from './model/types';
import { readThreads } from '../../schemas/commentThreads';

/** The frozen version, or 404. */
function frozenVersion(deps: Deps, projectId: string, versionId: string): FrozenVersion {
  const version = getVersion(deps, projectId, versionId);
  if (!version) throw new DomainError('not_found', 'version_not_found', 'Version introuvable.');
  return version;
}

/** What the Y.Doc does not know: organisation, version, status, approval timeline. */
function modelContext(deps: Deps, project: ProjectRecord, version: FrozenVersion | null, now: Date): ModelContext {
  const organisation = (project.organisationId && deps.store.organisations.get(project.organisationId)?.name) || 'Organisation non renseignée';
  return {
    organisation,
    fallbackTitle: project.title,
    fallbackKind: project.kind,
    now,
    version: version && { label: versionTitle(deps, version), hash: version.hash, createdAt: version.createdAt },
    status: versionStatus(deps, project.id, version),
    timeline: timelineEntries(deps, project.id, project.organisationId, version),
    people: Object.fromEntries(
      deps.store.projects.members(project.id).flatMap(({ userId }) => {
        const name = deps.store.users.get(userId)?.name;
        return name ? [[userId, name]] : [];
      }),
    ),
  };
}

/** The comment threads of the live document, names resolved, for the committees' working copy. */
function commentsForExport(deps: Deps, doc: Y.Doc): ReviewCommentSource[] {
  const name = (id: string) => deps.store.users.get(id)?.name ?? 'Ancien membre';
  return readThreads(doc).map((thread) => ({
    sectionId: thread.sectionId,
    quote: thread.anchor.text,
    detached: thread.anchor.detached,
    resolved: thread.resolved,
    messages: [thread, ...thread.replies].map((m) => ({ author: name(m.authorId), date: frenchDateTime(new Date(m.createdAt)), body: m.body })),
  }));
}

const summary = ({ state: _state, ...rest }: FrozenVersion): VersionSummary => rest;

/**
 * What the model of a project's current text (`versionId` null: the live Y.Doc of the registry,
 * encoded, a few milliseconds for a long document) or of a frozen version (its stored state) is
 * built from; 404 for an unknown version. Plain data: a DOCX export builds it in a worker thread.
 */
export function modelSourceFor(deps: Deps, project: ProjectRecord, versionId: string | null, now = new Date(), workingCopy = false): ModelSource {
  if (versionId === null) {
    const { doc } = deps.registry.get(project.id);
    const state = Y.encodeStateAsUpdate(doc);
    const context = { ...modelContext(deps, project, null, now), images: exportImages(deps.store, project.id, state) };
    return { state, context: workingCopy ? { ...context, workingCopy: { comments: commentsForExport(deps, doc) } } : context, version: null };
  }
  const version = frozenVersion(deps, project.id, versionId);
  return {
    state: version.state,
    context: { ...modelContext(deps, project, version, now), images: exportImages(deps.store, project.id, version.state) },
    version: summary(version),
  };
}
