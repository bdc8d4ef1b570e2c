import type { RequiredParts } from '../../templates/completeness';
import type { DocumentTemplate } from '../../schemas/project';
import { chuMandatoryChapterIds, getTemplate, mandatoryChapterIds, notApplicableChapterIds } from '../../templates';
import type { ProjectRecord } from '../store/projects';
import type { Deps } from '../deps';

/**
 * The parts a project's document must contain, from the database: the kind recorded when the
 * project was created, its template's mandatory chapters and those its organisation's
 * customisation (the version the project was built from) made mandatory. Never from the Y.Doc,
 * whose editors could otherwise relabel the kind or clear the flags and empty the gate. In a CHU,
 * the parts the law requires there (research, the PSIRMT's training and research) are added, and
 * may not be marked "sans objet".
 */
export function requiredParts(deps: Pick<Deps, 'store'>, project: ProjectRecord): RequiredParts {
  const base = getTemplate(project.kind);
  const custom =
    project.organisationId && project.templateCustomisationVersion !== null
      ? deps.store.templates.version(project.organisationId, project.kind, project.templateCustomisationVersion)
      : undefined;
  const customised: DocumentTemplate | undefined = custom && { ...base, chapters: custom.chapters };
  const chu = project.organisationId !== null && deps.store.organisations.get(project.organisationId)?.type === 'CHU';
  return {
    kind: project.kind,
    sectionIds: [
      ...new Set([...mandatoryChapterIds(base), ...(customised ? mandatoryChapterIds(customised) : []), ...(chu ? chuMandatoryChapterIds(base) : [])]),
    ],
    // From the base template only: an organisation's version cannot let a required part go "sans objet".
    notApplicableAllowed: notApplicableChapterIds(base, { chu }),
  };
}
