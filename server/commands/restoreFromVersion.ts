import type * as Y from 'yjs';
import { fragmentName, sectionEntry } from '../../schemas/docLayout';
import { restoreSectionRecords } from '../../schemas/recordCopy';
import { richText } from '../richText/runtime';
import { DomainError } from '../errors';
import type { UserRecord } from '../store/users';
import type { Deps } from '../deps';
import { findReadableProject } from './projects';
import { findVersion, versionDoc } from '../queries/versions';

/** What "Restaurer depuis une version" puts back: the section's text, or its structured part. */
export type { RestoredPart } from '../../schemas/api/sections';
import type { RestoreAnswer, RestoredPart } from '../../schemas/api/sections';

/** Makes a section's text what it is in `source` (the nodes are rebuilt, so the copy is a new change). */
function restoreText(source: Y.Doc, target: Y.Doc, sectionId: string): void {
  const frozen = richText().fragmentJson(source.getXmlFragment(fragmentName(sectionId)));
  const fragment = target.getXmlFragment(fragmentName(sectionId));
  if (fragment.length > 0) fragment.delete(0, fragment.length);
  richText().writeFragment(frozen, fragment);
}

/**
 * Restores a section's text or structured part from a frozen version, as a new change of the
 * live document that every editor receives (server-side, like any command): what was written
 * since in that part is replaced, the rest of the document is untouched, and the audit log
 * says who restored what from which version. Writers of the project only; a locked section,
 * coordinators only, as for typing in it.
 */
export function restoreFromVersion(deps: Deps, user: UserRecord, projectId: string, sectionId: string, versionId: string, part: RestoredPart): RestoreAnswer {
  findReadableProject(deps, user, projectId);
  if (!deps.policy.can(user, { action: 'project.edit', projectId })) {
    throw new DomainError('forbidden', 'forbidden', 'Seuls les rédacteurs et les coordonnateurs du projet restaurent une partie depuis une version.');
  }
  const version = findVersion(deps, projectId, versionId);
  const loaded = deps.registry.get(projectId);
  const section = sectionEntry(loaded.doc, sectionId);
  if (!section) throw new DomainError('not_found', 'section_not_found', 'Section introuvable.');
  if (section.get('locked') === true && !deps.policy.can(user, { action: 'section.editLocked', projectId })) {
    throw new DomainError('conflict', 'section_locked', 'Cette section est verrouillée : seul un coordonnateur peut la restaurer.');
  }
  const source = versionDoc(deps, projectId, versionId);
  try {
    if (!sectionEntry(source, sectionId)) {
      throw new DomainError(
        'conflict',
        'section_not_in_version',
        `La section n’existait pas dans la version ${version.number} (« ${version.label} ») : rien à restaurer.`,
      );
    }
    let records: number | undefined;
    loaded.change((doc) => {
      if (part === 'text') restoreText(source, doc, sectionId);
      else records = restoreSectionRecords(source, doc, sectionId);
    });
    deps.store.audit.append({
      actorId: user.id,
      actorName: user.name,
      action: 'section.restored',
      projectId,
      versionId,
      subjectType: 'section',
      subjectId: sectionId,
      details: {
        part,
        versionNumber: version.number,
        versionLabel: version.label,
        title: String(section.get('title') ?? sectionId),
        ...(records === undefined ? {} : { records }),
      },
    });
    return records === undefined ? { restored: part } : { restored: part, records };
  } finally {
    source.destroy();
  }
}
