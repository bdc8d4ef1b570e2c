import type { DocumentKind, DocumentTemplate } from '../../schemas/project';
import type { ChapterTemplate } from '../../schemas/project';
import { validateCustomisation } from '../../schemas/templateCustomisation';
import { getTemplate } from '../../templates';
import { HttpError } from '../http/errors';
import type { UserRecord } from '../store/users';
import type { Deps } from './deps';

/** A template as an organisation uses it: the base one, or its latest customisation. */
export interface EffectiveTemplate extends DocumentTemplate {
  customisation: { organisationId: string; version: number } | null;
}

export function effectiveTemplate(deps: Deps, kind: DocumentKind, organisationId?: string | null): EffectiveTemplate {
  const base = getTemplate(kind);
  const custom = organisationId ? deps.store.templates.latest(organisationId, kind) : undefined;
  if (!custom) return { ...base, customisation: null };
  return { ...base, chapters: custom.chapters, customisation: { organisationId: custom.organisationId, version: custom.version } };
}

/** Saves an organisation's version of a template, refusing one that drops a mandatory part. */
export function customiseTemplate(
  deps: Deps,
  user: UserRecord,
  input: { organisationId: string; kind: DocumentKind; chapters: ChapterTemplate[] },
): number {
  if (!deps.store.organisations.get(input.organisationId)) throw new HttpError(404, 'organisation_not_found', 'Organisation introuvable.');
  if (!deps.policy.can(user, { action: 'template.customise', organisationId: input.organisationId })) {
    throw new HttpError(403, 'forbidden', 'Seuls les coordonnateurs des projets de cette organisation peuvent adapter ses modèles.');
  }
  const base = getTemplate(input.kind);
  const errors = validateCustomisation(base, input.chapters);
  if (errors.length > 0) {
    throw new HttpError(400, 'invalid_customisation', 'Ce modèle ne respecte pas les parties obligatoires du texte.', errors);
  }
  return deps.store.templates.save({ ...input, baseVersion: base.version, userId: user.id });
}
