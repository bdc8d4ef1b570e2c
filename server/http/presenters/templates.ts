import type { TemplateView } from '../../../schemas/api/templates';
import type { EffectiveTemplate } from '../../commands/templates';

export const presentTemplate = (t: EffectiveTemplate): TemplateView => ({
  kind: t.kind,
  label: t.label,
  legalBasis: t.legalBasis,
  version: t.version,
  customisation: t.customisation,
  chapters: t.chapters,
});
