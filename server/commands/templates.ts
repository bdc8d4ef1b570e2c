import type { TemplateView } from '../../schemas/api/templates';
import type { DocumentKind, DocumentTemplate } from '../../schemas/project';
import type { ChapterTemplate } from '../../schemas/project';
import { validateCustomisation } from '../../schemas/templateCustomisation';
import { chuMandatoryChapterIds, getTemplate, withMandatory } from '../../templates';
import { DomainError } from '../errors';
import type { OrganisationRecord } from '../store/organisations';
import type { UserRecord } from '../store/users';
import type { Deps } from '../deps';
import { diffChapters } from './templateDiff';

/** A template as an organisation uses it: the base one, or its latest customisation (what the API shows of it: schemas/api/templates.ts). */
export type EffectiveTemplate = DocumentTemplate & Pick<TemplateView, 'customisation'>;

/** For a CHU, the parts the law requires there are mandatory (L6143-2-2, 3rd paragraph). */
export function effectiveTemplate(deps: Deps, kind: DocumentKind, organisationId?: string | null): EffectiveTemplate {
  const base = getTemplate(kind);
  const custom = organisationId ? deps.store.templates.latest(organisationId, kind) : undefined;
  const template: EffectiveTemplate = custom
    ? { ...base, chapters: custom.chapters, customisation: { organisationId: custom.organisationId, version: custom.version } }
    : { ...base, customisation: null };
  const chu = organisationId ? deps.store.organisations.get(organisationId)?.type === 'CHU' : false;
  return chu ? withMandatory(template, chuMandatoryChapterIds(base)) : template;
}

/** Saves an organisation's version of a template, refusing one that drops a mandatory part. */
export function customiseTemplate(deps: Deps, user: UserRecord, input: { organisationId: string; kind: DocumentKind; chapters: ChapterTemplate[] }): number {
  const organisation = visibleOrganisation(deps, user, input.organisationId);
  if (!deps.policy.can(user, { action: 'template.customise', organisationId: input.organisationId })) {
    throw new DomainError('forbidden', 'forbidden', 'Seuls les gestionnaires de modèles de cette organisation (ou de son GHT) peuvent adapter ses modèles.');
  }
  const base = getTemplate(input.kind);
  const errors = validateCustomisation(base, input.chapters);
  if (errors.length > 0) {
    throw new DomainError('invalid', 'invalid_customisation', 'Ce modèle ne respecte pas les parties obligatoires du texte.', errors);
  }
  const previous = effectiveTemplate(deps, input.kind, input.organisationId);
  return deps.store.transaction(() => {
    const version = deps.store.templates.save({ ...input, baseVersion: base.version, userId: user.id });
    deps.store.audit.append({
      actorId: user.id,
      actorName: user.name,
      action: 'template.customise',
      subjectType: 'template',
      subjectId: `${input.organisationId}/${input.kind}`,
      details: {
        organisationId: organisation.id,
        organisation: organisation.name,
        kind: input.kind,
        version,
        from: previous.customisation?.version ?? null,
        changes: diffChapters(previous.chapters, input.chapters),
      },
    });
    return version;
  });
}

/** The organisation, or 404 when it does not exist or lies outside the user's family. */
export function visibleOrganisation(deps: Deps, user: UserRecord, organisationId: string): OrganisationRecord {
  const organisation = deps.store.organisations.get(organisationId);
  if (!organisation || !deps.policy.can(user, { action: 'organisation.list', organisationId })) {
    throw new DomainError('not_found', 'organisation_not_found', 'Organisation introuvable.');
  }
  return organisation;
}
