import { z } from 'zod';
import type { DocumentKind, DocumentTemplate } from '../project';
import { Id } from './ids';

/** Templates as organisations use them (docs/API.md, "Templates"); the body of a customisation is schemas/templateCustomisation.ts. */

export const TemplatesQuery = z.object({ organisationId: Id.optional() });

/** A template as the API sends it: the base one, or an organisation's latest customisation of it. */
export interface TemplateView extends Pick<DocumentTemplate, 'kind' | 'label' | 'legalBasis' | 'version' | 'chapters'> {
  customisation: { organisationId: string; version: number } | null;
}

/** 200 of PUT /api/organisations/:id/templates/:kind: the customisation's new version. */
export interface TemplateCustomised {
  kind: DocumentKind;
  organisationId: string;
  version: number;
}
