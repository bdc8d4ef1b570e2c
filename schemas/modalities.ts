/**
 * The eight modalities of R6132-3 I 4°: for each filière, the PMP sets out the organisation of
 * activities per établissement for each of them (matrix filière × établissement × modality).
 * Ids are a public contract (fiches-actions reference them).
 */
export const modalities = [
  {
    id: 'permanence-continuite',
    letter: 'a',
    label: 'Permanence et continuité des soins',
    shortLabel: 'Permanence des soins',
    legalBasis: 'R6132-3 I 4° a)',
  },
  {
    id: 'consultations-externes',
    letter: 'b',
    label: 'Consultations externes et consultations avancées',
    shortLabel: 'Consultations',
    legalBasis: 'R6132-3 I 4° b)',
  },
  {
    id: 'ambulatoire-hospitalisation',
    letter: 'c',
    label: 'Activités ambulatoires, hospitalisation partielle et conventionnelle',
    shortLabel: 'Ambulatoire et hospitalisation',
    legalBasis: 'R6132-3 I 4° c)',
  },
  {
    id: 'plateaux-techniques',
    letter: 'd',
    label: 'Plateaux techniques',
    shortLabel: 'Plateaux techniques',
    legalBasis: 'R6132-3 I 4° d)',
  },
  {
    id: 'urgences-soins-non-programmes',
    letter: 'e',
    label: 'Urgences et soins non programmés',
    shortLabel: 'Urgences et SNP',
    legalBasis: 'R6132-3 I 4° e)',
  },
  {
    id: 'situations-sanitaires-exceptionnelles',
    letter: 'f',
    label: 'Réponse aux situations sanitaires exceptionnelles',
    shortLabel: 'SSE',
    legalBasis: 'R6132-3 I 4° f)',
  },
  {
    id: 'hospitalisation-domicile',
    letter: 'g',
    label: 'Hospitalisation à domicile (HAD)',
    shortLabel: 'HAD',
    legalBasis: 'R6132-3 I 4° g)',
  },
  {
    id: 'medico-social',
    letter: 'h',
    label: 'Prise en charge médico-sociale',
    shortLabel: 'Médico-social',
    legalBasis: 'R6132-3 I 4° h)',
  },
] as const;

export type Modality = (typeof modalities)[number];
export type ModalityId = Modality['id'];

/** « b) Consultations, g) HAD »: modalities by letter and short label, in the order given (unknown ids left out). */
export function modalityShortNames(ids: readonly string[]): string {
  return ids
    .map((id) => modalities.find((m) => m.id === id))
    .filter((m): m is Modality => m !== undefined)
    .map((m) => `${m.letter}) ${m.shortLabel}`)
    .join(', ');
}
