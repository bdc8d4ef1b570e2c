import { z } from 'zod';
import { limits } from './limits';

/**
 * The governance vocabulary of docs/GOVERNANCE.md: instances, act kinds, outcomes, votes. Pure data shared
 * by the server (rules, API) and the editor (calendar, timeline views).
 */

/**
 * Instance kinds. `DIRECTION` holds the director's acts (arrêté, signature, transmission, AR).
 * `CTEC` is kept for acts recorded before the CSE replaced it (décret 2021-1570); new instances
 * are a `CSE`, or AP-HP's `CSE_CENTRAL`. `CONSEIL_ADMINISTRATION` and `MEDECIN_CHEF` are the
 * R6132-6 instances of a public ESMS and of a military hospital; the last four are the optional
 * GHT instances a convention may set up (R6132-5-1, L6132-2-3 to -6, R6132-14).
 */
export const instanceKinds = [
  'CME',
  'CSE',
  'CSE_CENTRAL',
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
  'CONSEIL_ADMINISTRATION',
  'MEDECIN_CHEF',
  'COMMISSION_MEDICO_SOIGNANTE',
  'CMUG',
  'CSIRMTUG',
  'CONFERENCE_DIALOGUE_SOCIAL',
  'AUTRE',
] as const;
export const InstanceKind = z.enum(instanceKinds);
export type InstanceKind = z.infer<typeof InstanceKind>;

/** Short French names, as a secretary says them ("l'avis de la CME"). */
export const instanceKindLabels: Record<InstanceKind, string> = {
  CME: 'la CME',
  CSE: 'le CSE',
  CSE_CENTRAL: 'le CSE central',
  CTEC: 'le CTEC (remplacé par le CSE)',
  DIRECTOIRE: 'le Directoire',
  CSIRMT: 'la CSIRMT',
  CONSEIL_SURVEILLANCE: 'le conseil de surveillance',
  COMMISSION_UNIVERSITAIRE: 'la commission des partenaires universitaires',
  CDU: 'la CDU',
  CMG: 'la CMG',
  COMITE_STRATEGIQUE: 'le comité stratégique',
  CSIRMT_GROUPEMENT: 'la CSIRMT de groupement',
  COMITE_ELUS: 'le comité territorial des élus locaux',
  DIRECTION: 'la direction',
  CONSEIL_ADMINISTRATION: 'le conseil d’administration',
  MEDECIN_CHEF: 'le médecin-chef',
  COMMISSION_MEDICO_SOIGNANTE: 'la commission médico-soignante',
  CMUG: 'la CMUG',
  CSIRMTUG: 'la CSIRMTUG',
  CONFERENCE_DIALOGUE_SOCIAL: 'la conférence territoriale de dialogue social',
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
  'soumission',
  'accuse_reception',
  'publication',
] as const;
export const ActKind = z.enum(actKinds);
export type ActKind = z.infer<typeof ActKind>;

/**
 * Acts of the submission flow: the transmission to the ARS (the PMP for information) and the
 * soumission (the signed convention or avenant for approval) exist because a package was built,
 * the accusé de réception because the ARS recorded it. Only those commands create them; they
 * are never put on an agenda nor recorded at a séance by hand.
 */
export const submissionActKinds: readonly ActKind[] = ['transmission', 'soumission', 'accuse_reception'];
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
  transmission: 'transmission à l’ARS pour information',
  soumission: 'soumission à l’ARS pour approbation',
  accuse_reception: 'accusé de réception de l’ARS',
  publication: 'publication',
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
  transmission: 'la transmission à l’ARS pour information',
  soumission: 'la soumission à l’ARS pour approbation',
  accuse_reception: 'l’accusé de réception de l’ARS',
  publication: 'la publication',
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
