import { z } from 'zod';

/**
 * What kind of établissement an organisation is, as the adoption rules need it: the R6132-6
 * sequence of a GHT member differs for a public hospital (EPS, a CHU being one), a public social
 * or medico-social établissement (ESMS, e.g. a public EHPAD) and an associated military hospital
 * (HIA); a CHU also has mandatory parts of its own (research and training, L6143-2-2).
 */
export const etablissementTypes = ['EPS', 'CHU', 'ESMS', 'HIA'] as const;
export const EtablissementType = z.enum(etablissementTypes);
export type EtablissementType = z.infer<typeof EtablissementType>;

/** The R6132-6 category of a member: a CHU goes through the sequence of a public hospital. */
export type MemberCategory = 'EPS' | 'ESMS' | 'HIA';
export const memberCategory = (type: EtablissementType | null): MemberCategory => (type === 'ESMS' || type === 'HIA' ? type : 'EPS');

/** A FINESS number: nine characters, digits except the second (2A/2B for Corsica). */
export const Finess = z
  .string()
  .trim()
  .regex(/^\d[\dAB]\d{7}$/, 'Numéro FINESS attendu : 9 caractères (ex. 910019447).');
