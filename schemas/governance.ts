import { z } from 'zod';
import { limits } from './limits';

/**
 * The governance vocabulary of BRIEF §3: instances, act kinds, outcomes, votes. Pure data shared
 * by the server (rules, API) and the editor (calendar, timeline views).
 */

/** Instance kinds. `DIRECTION` holds the director's acts (arrêté, signature, transmission, AR). */
export const instanceKinds = [
  'CME',
  'CSE',
  'CTEC',
  'DIRECTOIRE',
  'CSIRMT',
  'CONSEIL_SURVEILLANCE',
  'COMMISSION_UNIVERSITAIRE',
  'CDU',
  'CMG',
  'COMITE_STRATEGIQUE',
  'CSIRMT_GROUPEMENT',
  'COMITE_ELUS',
  'DIRECTION',
  'AUTRE',
] as const;
export const InstanceKind = z.enum(instanceKinds);
export type InstanceKind = z.infer<typeof InstanceKind>;

/** Short French names, as a secretary says them ("l'avis de la CME"). */
export const instanceKindLabels: Record<InstanceKind, string> = {
  CME: 'la CME',
  CSE: 'le CSE',
  CTEC: 'le CTEC',
  DIRECTOIRE: 'le Directoire',
  CSIRMT: 'la CSIRMT',
  CONSEIL_SURVEILLANCE: 'le conseil de surveillance',
  COMMISSION_UNIVERSITAIRE: 'la commission des partenaires universitaires',
  CDU: 'la CDU',
  CMG: 'la CMG',
  COMITE_STRATEGIQUE: 'le comité stratégique',
  CSIRMT_GROUPEMENT: 'la CSIRMT de groupement',
  COMITE_ELUS: 'le comité territorial des élus',
  DIRECTION: 'la direction',
  AUTRE: 'l’instance',
};

export const actKinds = [
  'presentation',
  'discussion',
  'concertation',
  'consultation',
  'avis',
  'approbation',
  'deliberation',
  'arrete',
  'signature',
  'transmission',
  'accuse_reception',
] as const;
export const ActKind = z.enum(actKinds);
export type ActKind = z.infer<typeof ActKind>;

/**
 * Acts of the submission flow: the transmission to the ARS exists because a package was built,
 * its accusé de réception because the ARS recorded it. Only those commands create them; they
 * are never put on an agenda nor recorded at a séance by hand.
 */
export const submissionActKinds: readonly ActKind[] = ['transmission', 'accuse_reception'];
/** What a secretary records at a séance or puts on its agenda. */
export const seanceActKinds: readonly ActKind[] = actKinds.filter((k) => !submissionActKinds.includes(k));

export const actKindLabels: Record<ActKind, string> = {
  presentation: 'présentation',
  discussion: 'discussion',
  concertation: 'concertation',
  consultation: 'consultation',
  avis: 'avis',
  approbation: 'approbation',
  deliberation: 'délibération',
  arrete: 'arrêté',
  signature: 'signature',
  transmission: 'transmission à l’ARS',
  accuse_reception: 'accusé de réception de l’ARS',
};

/** French article + noun, for sentences ("l'avis", "la délibération"). */
export const actKindWithArticle: Record<ActKind, string> = {
  presentation: 'la présentation',
  discussion: 'la discussion',
  concertation: 'la concertation',
  consultation: 'la consultation',
  avis: 'l’avis',
  approbation: 'l’approbation',
  deliberation: 'la délibération',
  arrete: 'l’arrêté',
  signature: 'la signature',
  transmission: 'la transmission à l’ARS',
  accuse_reception: 'l’accusé de réception de l’ARS',
};

export const actOutcomes = ['favorable', 'favorable_reserves', 'defavorable'] as const;
export const ActOutcome = z.enum(actOutcomes);
export type ActOutcome = z.infer<typeof ActOutcome>;

export const actOutcomeLabels: Record<ActOutcome, string> = {
  favorable: 'favorable',
  favorable_reserves: 'favorable avec réserves',
  defavorable: 'défavorable',
};

/** Acts that carry an outcome and may carry votes; an avis must state its outcome. */
export const actsWithOutcome: readonly ActKind[] = ['avis', 'consultation', 'approbation', 'deliberation'];

const Count = z.number().int().min(0).max(100_000);
export const Votes = z.object({ pour: Count, contre: Count, abstention: Count });
export type Votes = z.infer<typeof Votes>;

/** A calendar date `YYYY-MM-DD` (Europe/Paris) and a time `HH:MM`. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date attendue au format AAAA-MM-JJ')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'date invalide');
export const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'heure attendue au format HH:MM');

export const seanceStatuses = ['planned', 'held', 'cancelled'] as const;
export const SeanceStatus = z.enum(seanceStatuses);
export type SeanceStatus = z.infer<typeof SeanceStatus>;

export const GovernanceText = z.string().trim().max(limits.governanceTextLength);
