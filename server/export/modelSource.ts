import * as Y from 'yjs';
import type { Deps } from '../commands/deps';
import { getVersion } from '../commands/versions';
import { HttpError } from '../http/errors';
import type { ProjectRecord } from '../store/projects';
import type { VersionSummary } from '../store/versions';
import { timelineEntries, versionStatus, versionTitle } from './governanceFacts';
import { buildDocumentModel } from './model/build';
import type { DocumentModel } from './model/types';

export interface ModelWithSource {
  model: DocumentModel;
  version: VersionSummary | null;
}

/**
 * The document model of a project's current text (the live Y.Doc of the registry) or of one of
 * its frozen versions (a Y.Doc rebuilt from the stored state, destroyed afterwards).
 */
export function documentModelFor(deps: Deps, project: ProjectRecord, versionId: string | null, now = new Date()): ModelWithSource {
  const organisation = (project.organisationId && deps.store.organisations.get(project.organisationId)?.name) || 'Organisation non renseignée';
  const base = { organisation, fallbackTitle: project.title, fallbackKind: project.kind, now };
  if (versionId === null) {
    const doc = deps.registry.get(project.id).doc;
    const model = buildDocumentModel(doc, {
      ...base,
      version: null,
      status: versionStatus(deps, project.id, null),
      timeline: timelineEntries(deps, project.id, project.organisationId, null),
    });
    return { model, version: null };
  }
  const version = getVersion(deps, project.id, versionId);
  if (!version) throw new HttpError(404, 'version_not_found', 'Version introuvable.');
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, version.state);
    const model = buildDocumentModel(doc, {
      ...base,
      version: { label: versionTitle(deps, version), hash: version.hash, createdAt: version.createdAt },
      status: versionStatus(deps, project.id, version),
      timeline: timelineEntries(deps, project.id, project.organisationId, version),
    });
    const { state: _state, ...summary } = version;
    return { model, version: summary };
  } finally {
    doc.destroy();
  }
}
