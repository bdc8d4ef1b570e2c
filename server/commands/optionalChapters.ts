import type { ChapterTemplate, DocumentKind } from '../../schemas/project';
import { getTemplate } from '../../templates';
import { DomainError } from '../errors';

/** The optional chapters `ids` of a kind's template, or a 400 naming those it does not propose. */
export function pickOptionalChapters(kind: DocumentKind, ids: readonly string[], path = 'optionalChapters'): ChapterTemplate[] {
  const proposed = getTemplate(kind).optionalChapters ?? [];
  const unknown = ids.filter((id) => !proposed.some((c) => c.id === id));
  if (unknown.length > 0) {
    const offer = proposed.length
      ? `Chapitres proposés : ${proposed.map((c) => `« ${c.id} »`).join(', ')}.`
      : 'Ce modèle ne propose aucun chapitre facultatif.';
    throw new DomainError('invalid', 'validation_failed', 'Données invalides (corps).', [
      { path, message: `Chapitre(s) facultatif(s) inconnu(s) pour ce document : ${unknown.join(', ')}. ${offer}` },
    ]);
  }
  return proposed.filter((c) => ids.includes(c.id));
}
