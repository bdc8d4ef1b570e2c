import type { DocumentTemplate } from '../../schemas/project';

/**
 * Projet médical d'établissement (D6143-37-1, L6143-2-2, L6144-1), elaborated by the CME with the director
 * (L6144-1), approved by the Directoire (L6143-7-4).
 * Mandatory parts: D6143-37-1 1° to 6° (the annex on pôles, 5°, only where pôles exist; the
 * palliative volet 6°), the measures taken under the CPOM (D6143-37-1, 2nd paragraph) and the
 * links with the other établissements, coordinated care and the ESMS (L6143-2-2, 4th paragraph).
 * Chapter ids are a public contract: never rename one, add a new id and bump `version`.
 */
export const pmTemplate: DocumentTemplate = {
  kind: 'PM',
  version: 2,
  label: 'Projet médical d’établissement',
  legalBasis: 'L6143-2-2, D6143-37-1',
  chapters: [
    {
      id: 'diagnostic',
      title: 'Diagnostic et bilan du projet précédent',
      legalBasis: 'D6143-37-1',
      guidance:
        'Présenter les besoins de santé du territoire, l’activité de l’établissement et le bilan du projet médical précédent. Ce diagnostic justifie les objectifs retenus.',
      mandatory: false,
    },
    {
      id: 'objectifs-medicaux',
      title: 'Objectifs médicaux',
      legalBasis: 'D6143-37-1 1°, L6143-2-2 al. 1',
      guidance:
        'Décrire les objectifs médicaux de l’établissement pour cinq ans, en cohérence avec le schéma régional de santé (PRS) et l’offre de soins existante. Préciser les activités à développer, à maintenir ou à réorganiser.',
      mandatory: true,
      blocks: ['objectifs'],
    },
    {
      id: 'qualite-securite-soins',
      title: 'Objectifs d’amélioration de la qualité et de la sécurité des soins',
      legalBasis: 'D6143-37-1 2°, L6143-2-2 al. 2',
      guidance:
        'Fixer les objectifs de l’établissement en matière de qualité et de sécurité des soins et des parcours patients (certification, gestion des risques, pertinence). Chaque objectif doit pouvoir être suivi par un indicateur. S’appuyer sur le programme d’actions de la CME pour l’amélioration continue de la qualité et de la sécurité des soins et sur le rapport annuel de la commission des usagers (L6144-1).',
      mandatory: true,
    },
    {
      id: 'recherche-innovation',
      title: 'Objectifs de recherche et démarches innovantes',
      legalBasis: 'D6143-37-1 3°, L6143-2-2 al. 3',
      guidance:
        'Présenter les objectifs de recherche clinique et les démarches innovantes ; en CHU, où la partie est toujours exigée, les articuler avec la stratégie de recherche et de formation des UFR. Ailleurs, si elle est sans objet pour l’établissement, la marquer « sans objet » en indiquant pourquoi.',
      mandatory: true,
      mayBeNotApplicable: true,
      mandatoryInChu: true,
    },
    {
      id: 'organisation-moyens-medicaux',
      title: 'Organisation des moyens médicaux',
      legalBasis: 'D6143-37-1 4°',
      guidance:
        'Décrire l’organisation des ressources médicales (effectifs, permanence des soins, recrutements, temps partagés) au service des objectifs médicaux. Prévoir la gestion prévisionnelle des emplois et des compétences médicales (GPEC) et l’attractivité des carrières ; signaler les tensions de démographie médicale et les réponses prévues (D6143-37-1 4°).',
      mandatory: true,
    },
    {
      id: 'volet-palliatif',
      title: 'Volet palliatif',
      legalBasis: 'D6143-37-1 6°, L6143-2-2 al. 5',
      guidance:
        'Décrire l’activité palliative des pôles ou structures internes et nommer les services dans lesquels des soins palliatifs sont dispensés (lits identifiés, équipe mobile, unité de soins palliatifs).',
      mandatory: true,
    },
    {
      id: 'coherence-cpom-pmp',
      title: 'Mesures prises en application du CPOM',
      legalBasis: 'D6143-37-1 al. 2',
      guidance:
        'Préciser les mesures que le projet médical prend en application du contrat pluriannuel d’objectifs et de moyens (CPOM) conclu avec l’ARS : objectifs, engagements et calendrier (D6143-37-1, 2e alinéa).',
      mandatory: true,
    },
    {
      id: 'cooperations-ville-medico-social',
      title: 'Articulations avec les autres établissements, l’exercice coordonné et le secteur médico-social',
      legalBasis: 'L6143-2-2 al. 4',
      guidance:
        'Décrire les liens avec les autres établissements de santé, l’exercice coordonné (CPTS, maisons et centres de santé) et les établissements sociaux et médico-sociaux, en conformité avec le projet médical partagé et le projet de soins partagé du GHT (L6143-2-2, 4e alinéa). Le président de la CMG veille à la cohérence de chaque projet médical avec le projet médical partagé (L6132-2-2).',
      mandatory: true,
    },
    {
      id: 'suivi-evaluation',
      title: 'Suivi de la mise en œuvre et bilan annuel',
      legalBasis: 'D6143-37-1',
      guidance:
        'Indiquer comment le président de CME et le directeur suivent la mise en œuvre du projet (indicateurs, calendrier) et dressent son bilan annuel.',
      mandatory: false,
      blocks: ['indicators'],
    },
    {
      id: 'annexe-poles',
      title: 'Annexe — Articulation des pôles pour un parcours patient cohérent (le cas échéant)',
      legalBasis: 'D6143-37-1 5°',
      guidance:
        'Lorsque l’établissement est organisé en pôles (facultatifs depuis 2021, L6146-1), préciser en annexe comment les pôles d’activité s’articulent entre eux pour assurer un parcours de prise en charge cohérent du patient (adressages, avis, plateaux partagés). Sans pôles, la marquer « sans objet » en indiquant pourquoi.',
      mandatory: true,
      mayBeNotApplicable: true,
    },
  ],
  optionalChapters: [
    {
      id: 'programme-qualite-cme',
      title: 'Programme d’actions de la CME pour la qualité et la sécurité des soins',
      legalBasis: 'L6144-1',
      guidance:
        'Reprendre le programme d’actions de la CME pour l’amélioration continue de la qualité et de la sécurité des soins, avec ses indicateurs de suivi et le rapport annuel de la commission des usagers.',
      mandatory: false,
      blocks: ['indicators'],
    },
    {
      id: 'attractivite-carrieres',
      title: 'Attractivité et carrières médicales',
      guidance:
        'Gestion prévisionnelle des emplois et des compétences médicales (GPEC), recrutements, parcours des jeunes médecins, temps partagés et fidélisation.',
      mandatory: false,
    },
    {
      id: 'sante-numerique',
      title: 'Santé numérique',
      guidance: 'Télémédecine, dossier patient, outils numériques au service des parcours, en lien avec le schéma directeur du système d’information.',
      mandatory: false,
    },
    {
      id: 'capacitaire',
      title: 'Organisation capacitaire',
      guidance: 'Lits et places par activité, virage ambulatoire, gestion des lits et des flux, adaptation aux tensions saisonnières.',
      mandatory: false,
    },
    {
      id: 'sante-environnementale',
      title: 'Santé environnementale et développement durable',
      guidance: 'Démarche éco-responsable des pratiques médicales : produits de santé, anesthésiques, déchets, sobriété des examens.',
      mandatory: false,
    },
    {
      id: 'recherche-par-pole',
      title: 'Recherche et innovation par pôle',
      guidance: 'Thématiques de recherche et projets innovants de chaque pôle, équipes, partenariats universitaires et industriels.',
      mandatory: false,
    },
  ],
};
