import type { DocumentTemplate } from '../../schemas/project';

/**
 * Bilan annuel of an adopted PM (owed by the PCME with the directeur, presented to the CME,
 * D6143-37-1) or PMP (presented by the PCMG to the comité stratégique, D6132-9-9). Made by
 * `POST /api/projects/:id/bilans` from the project's follow-up, which pre-fills its first four
 * parts (commands/bilans.ts); the commentary is the president's to write. Co-written and taken
 * through its path like any document.
 */
export const bilanTemplate: DocumentTemplate = {
  kind: 'BILAN',
  version: 1,
  label: 'Bilan annuel du projet médical',
  legalBasis: 'D6143-37-1, D6132-9-9',
  chapters: [
    {
      id: 'synthese',
      legalBasis: 'D6143-37-1, D6132-9-9',
      title: 'Synthèse de l’année',
      guidance: 'Pré-rempli depuis le suivi : les indicateurs par statut et les étapes faites et en retard. Complétez par les faits marquants de l’année.',
      mandatory: true,
    },
    {
      id: 'indicateurs',
      legalBasis: 'D6143-37-1, D6132-9-9',
      title: 'Indicateurs : valeurs de l’année et statut',
      guidance: 'Pré-rempli depuis le suivi : pour chaque indicateur, origine, valeur de l’année, cible et statut sur la trajectoire, avec son graphique.',
      mandatory: true,
    },
    {
      id: 'fiches-actions',
      legalBasis: 'D6143-37-1, D6132-9-9',
      title: 'Fiches-actions : étapes faites et en retard',
      guidance:
        'Pré-rempli depuis le suivi : les étapes de chaque fiche-action faites dans l’année, et celles dont l’échéance est passée sans qu’elles soient faites.',
      mandatory: true,
    },
    {
      id: 'actes',
      legalBasis: 'D6143-37-1, D6132-9-9',
      title: 'Actes de l’année',
      guidance: 'Pré-rempli : les actes des instances enregistrés dans l’année sur le projet (avis, approbations, transmissions…).',
      mandatory: true,
    },
    {
      id: 'commentaire-president',
      title: 'Commentaire du président de la commission médicale',
      legalBasis: 'D6143-37-1 (PCME), D6132-9-9 (PCMG)',
      guidance: 'Le commentaire du président de la CME (bilan du PM) ou de la CMG (bilan du PMP) sur l’année écoulée.',
      mandatory: true,
    },
    {
      id: 'perspectives',
      title: 'Perspectives pour l’année suivante',
      guidance: 'Les actions à engager ou à réorienter, et les indicateurs à revoir par avenant le cas échéant.',
      mandatory: false,
    },
  ],
};
