import { z } from 'zod';
import type * as Y from 'yjs';
import { textOf } from './sharedText';

/**
 * The people of a fiche-action — pilote médical, pilote soignant, directeur référent — are
 * members of the project, chosen in a list: the record holds the member's user id under
 * `<field>Id` (a plain value, checked by the update guard: a member of the project, or '').
 * Documents written before hold free text under `<field>` (shared text): it stays shown as text
 * until someone chooses a member, which empties it in the same change (docs/YJS.md).
 */
export const personFields = ['piloteMedical', 'piloteSoignant', 'directeurReferent'] as const;
export type PersonField = (typeof personFields)[number];

export const personLabels: Record<PersonField, string> = {
  piloteMedical: 'Pilote médical',
  piloteSoignant: 'Pilote soignant',
  directeurReferent: 'Directeur référent',
};

/** The key holding the chosen member's id. */
export const personIdKey = (field: PersonField): `${PersonField}Id` => `${field}Id`;

/** What the guard accepts there before asking whether the id is a member's: an id or '' (none). */
export const PersonId = z.union([
  z.literal(''),
  z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9-]+$/),
]);

/** The member chosen, or null when none is (the free text, if any, then says who). */
export function designatedPerson(fiche: Y.Map<unknown>, field: PersonField): string | null {
  const id = fiche.get(personIdKey(field));
  return typeof id === 'string' && id !== '' ? id : null;
}

/** Who it is, as a reader sees it: the member's name, else the free text of an older document. */
export function personText(fiche: Y.Map<unknown>, field: PersonField, nameOf: (userId: string) => string | undefined): string {
  const id = designatedPerson(fiche, field);
  if (id) return nameOf(id) ?? 'membre retiré du projet';
  return textOf(fiche.get(field));
}
