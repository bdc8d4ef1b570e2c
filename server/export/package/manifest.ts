import { z } from 'zod';

/** Version of the manifest layout; a reader refuses a format it does not know. */
export const manifestFormat = 'pmp-ars-submission/1';
export const manifestName = 'manifest.json';

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const ManifestFile = z.object({
  name: z.string().min(1).max(200),
  sha256: Sha256,
  bytes: z.number().int().min(0),
  description: z.string(),
});
export type ManifestFile = z.infer<typeof ManifestFile>;

export const ManifestAct = z.object({
  id: z.string(),
  kind: z.string(),
  label: z.string(),
  instance: z.string(),
  organisation: z.string(),
  date: z.string(),
  outcome: z.string().nullable(),
  votes: z.object({ pour: z.number(), contre: z.number(), abstention: z.number() }).nullable(),
  reserves: z.string(),
  file: z.string(),
});
export type ManifestAct = z.infer<typeof ManifestAct>;

/**
 * manifest.json of a submission package: who sends what to which ARS (none for an adoption
 * record), for what (`purpose`; absent from packages built before it existed, all sent for
 * information), the version's hash, the acts on it, and the SHA-256 of every other file.
 */
export const Manifest = z.object({
  format: z.literal(manifestFormat),
  submission: z.object({
    id: z.string(),
    createdAt: z.string(),
    createdBy: z.string(),
    purpose: z.enum(['information', 'approbation', 'adoption']).optional(),
  }),
  organisation: z.object({ id: z.string(), name: z.string() }),
  ars: z.object({ id: z.string(), name: z.string() }).nullable(),
  document: z.object({ projectId: z.string(), kind: z.string(), kindLabel: z.string(), title: z.string() }),
  version: z.object({
    id: z.string(),
    number: z.number().int(),
    label: z.string(),
    line: z.number().int(),
    lineLabel: z.string().nullable(),
    hash: Sha256,
    frozenAt: z.string(),
    amends: z.object({ id: z.string(), number: z.number().int(), label: z.string(), hash: Sha256 }).nullable(),
  }),
  acts: z.array(ManifestAct),
  files: z.array(ManifestFile),
});
export type Manifest = z.infer<typeof Manifest>;
