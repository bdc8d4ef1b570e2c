import * as Y from 'yjs';
import type { AvenantStarted, FrozenVersionAnswer } from '../../schemas/api/versions';
import { contentFingerprint } from '../governance/content';
import { missingRequiredActs } from '../governance/gate';
import { versionLabel } from '../governance/projectContext';
import { DomainError } from '../errors';
import type { UserRecord } from '../store/users';
import type { Deps } from '../deps';
import { findReadableProject } from './projects';
import { findVersion } from '../queries/versions';
import { checkFreeze } from './quotas';

/**
 * Freezes the project's current text as a named, immutable version: the Yjs state as it is
 * loaded now, and the SHA-256 of its canonical content (same content ⇒ same hash).
 */
export function freezeVersion(deps: Deps, user: UserRecord, projectId: string, label: string): Omit<FrozenVersionAnswer, 'warnings'> {
  const project = findReadableProject(deps, user, projectId);
  if (!deps.policy.can(user, { action: 'version.freeze', projectId })) {
    throw new DomainError('forbidden', 'forbidden', 'Seul un coordonnateur du projet peut figer une version.');
  }
  const { doc } = deps.registry.get(projectId);
  const { canonical, hash } = contentFingerprint(doc);
  // Freezing an unchanged text again names the version already frozen instead of storing a copy.
  const currentLine = deps.store.versions.currentLine(projectId);
  const latest = deps.store.versions
    .list(projectId)
    .filter((v) => v.line === currentLine)
    .at(-1);
  if (latest?.hash === hash) return { id: latest.id, hash, number: latest.number, existing: true };
  const state = Y.encodeStateAsUpdate(doc);
  checkFreeze(deps, projectId, project.organisationId, state.byteLength + Buffer.byteLength(canonical));
  return deps.store.transaction(() => {
    const line = deps.store.versions.currentLine(projectId);
    const { id, number } = deps.store.versions.create({ projectId, line, label, hash, state, content: canonical, createdBy: user.id });
    deps.store.audit.append({
      actorId: user.id,
      actorName: user.name,
      action: 'version.freeze',
      projectId,
      versionId: id,
      subjectType: 'version',
      subjectId: id,
      details: { number, line, label, hash },
    });
    return { id, hash, number, existing: false };
  });
}

/**
 * Opens the next version line (an avenant) from an approved version: versions frozen from now on
 * belong to it and go through the instances again; their diff base is the approved version.
 */
export function startAvenant(deps: Deps, user: UserRecord, projectId: string, fromVersionId: string, label?: string): AvenantStarted {
  findReadableProject(deps, user, projectId);
  if (!deps.policy.can(user, { action: 'project.manage', projectId })) {
    throw new DomainError('forbidden', 'forbidden', 'Seul un coordonnateur du projet peut ouvrir un avenant.');
  }
  const from = findVersion(deps, projectId, fromVersionId);
  const missing = missingRequiredActs(deps, projectId, fromVersionId);
  if (missing.length > 0) {
    throw new DomainError(
      'conflict',
      'version_not_approved',
      `La ${versionLabel(from)} n’a pas terminé son parcours d’approbation : un avenant part d’une version approuvée. ${missing.join(' ')}`,
    );
  }
  return deps.store.transaction(() => {
    const line = deps.store.versions.currentLine(projectId) + 1;
    const lineLabel = label ?? `Avenant n° ${line - 1}`;
    deps.store.versions.openLine({ projectId, line, basedOnVersionId: fromVersionId, label: lineLabel, createdBy: user.id });
    deps.store.audit.append({
      actorId: user.id,
      actorName: user.name,
      action: 'avenant.open',
      projectId,
      versionId: fromVersionId,
      subjectType: 'version_line',
      subjectId: String(line),
      details: { line, label: lineLabel, basedOn: from.number },
    });
    return { line, label: lineLabel };
  });
}
