import type { RequiredParts } from '../../schemas/completeness';
import type { DocumentTemplate } from '../../schemas/project';
import { getTemplate, mandatoryChapterIds } from '../../templates';
import type { ProjectRecord } from '../store/projects';
import type { Deps } from './deps';

/**
 * The parts a project's document must contain, from the database: the kind recorded when the
 * project was created, its template's mandatory chapters and those its organisation's
 * customisation (the version the project was built from) made mandatory. Never from the Y.Doc,
 * whose editors could otherwise relabel the kind or clear the flags and empty the gate.
 */
export function requiredParts(deps: Pick<Deps, 'store'>, project: ProjectRecord): RequiredParts {
  const base = getTemplate(project.kind);
  const custom =
    project.organisationId && project.templateCustomisationVersion !== null
      ? deps.store.templates.version(project.organisationId, project.kind, project.templateCustomisationVersion)
      : undefined;
  const customised: DocumentTemplate | undefined = custom && { ...base, chapters: custom.chapters };
  return {
    kind: project.kind,
    sectionIds: [...new Set([...mandatoryChapterIds(base), ...(customised ? mandatoryChapterIds(customised) : [])])],
  };
}
