import { z } from 'zod';
import { limits } from './limits';
import { modalities } from './modalities';
import { PmpItemRef } from './pmpLinks';
import { documentKinds } from './project';
import { blockKinds, indicatorFields, objectiveLevels } from './structured';

/**
 * The domain as zod schemas, for the API and for tools reading documents. The Y.Doc holds the
 * live values (docs/YJS.md); these describe them as plain data.
 */
const Text = z.string().max(limits.governanceTextLength);
const Id = z.string().min(1).max(64);
/** Dates in documents are ISO days (yyyy-mm-dd); the UI shows them as jj/mm/aaaa. */
export const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date attendue au format aaaa-mm-jj');

/** A project lasts five years (PM: D6143-37-1; PMP: R6132-3). */
export const Period = z
  .object({ startYear: z.number().int().min(2000).max(2100), endYear: z.number().int().min(2000).max(2105) })
  .refine((p) => p.endYear - p.startYear === 4, { message: 'un projet couvre cinq années (ex. 2026–2030)', path: ['endYear'] });
export type Period = z.infer<typeof Period>;

export const Project = z.object({
  id: Id,
  kind: z.enum(documentKinds),
  title: z.string().min(1).max(limits.titleLength),
  organisationId: Id.nullable(),
  period: Period,
  /** For an avenant: the approved version it amends. */
  amendsVersionId: Id.nullable(),
});
export type Project = z.infer<typeof Project>;

export const Section = z.object({
  id: Id,
  number: z.string(),
  title: z.string().min(1).max(limits.titleLength),
  legalBasis: z.string().optional(),
  guidance: z.string().optional(),
  mandatory: z.boolean(),
  blocks: z.array(z.enum(blockKinds)),
});

export const ModalityId = z.enum(modalities.map((m) => m.id) as [string, ...string[]]);

export const Filiere = z.object({
  id: Id,
  sectionId: Id,
  name: z.string().max(limits.titleLength),
  description: Text,
  /** `"<modalityId>|<etablissementId>"` → declination text. */
  matrix: z.record(z.string(), Text),
});
export type Filiere = z.infer<typeof Filiere>;

export const Indicator = z.object(
  Object.fromEntries([['id', Id], ...indicatorFields.map((f) => [f, Text.optional()])]) as Record<'id', typeof Id> &
    Record<(typeof indicatorFields)[number], z.ZodOptional<typeof Text>>,
);
export type Indicator = z.infer<typeof Indicator>;

export const Etape = z.object({ id: Id, label: Text, echeance: z.union([IsoDay, z.literal('')]) });

export const FicheAction = z.object({
  id: Id,
  sectionId: Id,
  title: z.string().max(limits.titleLength),
  filiereId: z.string(),
  objectif: Text,
  modality: z.union([ModalityId, z.literal('')]),
  etablissements: z.array(Id),
  piloteMedical: Text,
  piloteSoignant: Text,
  directeurReferent: Text,
  etapes: z.array(Etape),
  indicators: z.array(Indicator),
  /** In a PM: the PMP filière or fiche-action it implements (schemas/pmpLinks.ts); absent in older documents. */
  pmpItemId: PmpItemRef.optional(),
});
export type FicheAction = z.infer<typeof FicheAction>;

export const Objectif = z.object({
  id: Id,
  sectionId: Id,
  parentId: Id.nullable(),
  level: z.enum(objectiveLevels),
  label: Text,
  /** In a PM: the PMP filière or fiche-action it implements (schemas/pmpLinks.ts); absent in older documents. */
  pmpItemId: PmpItemRef.optional(),
});
