import type { DocumentTemplate } from '../../schemas/project';

/**
 * Projet médical d'établissement (BRIEF §2 'PM').
 * Mandatory parts: D6143-37-1 1° to 6° (the annex on pôles is 5°, the palliative volet 6°) and
 * L6143-2-2. Chapter ids are a public contract: never rename one, add a new id and bump `version`.
 */
export const pmTemplate: DocumentTemplate = {
  kind: 'PM',
  version: 1,
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
        'Fixer les objectifs de l’établissement en matière de qualité et de sécurité des soins et des parcours patients (certification, gestion des risques, pertinence). Chaque objectif doit pouvoir être suivi par un indicateur.',
      mandatory: true,
    },
    {
      id: 'recherche-innovation',
      title: 'Objectifs de recherche et démarches innovantes',
      legalBasis: 'D6143-37-1 3°, L6143-2-2 al. 3',
      guidance:
        'Présenter les objectifs de recherche clinique et les démarches innovantes ; en CHU, les articuler avec la stratégie de recherche et de formation des UFR. Si la partie est sans objet pour l’établissement, l’indiquer et le justifier.',
      mandatory: true,
    },
    {
      id: 'organisation-moyens-medicaux',
      title: 'Organisation des moyens médicaux',
      legalBasis: 'D6143-37-1 4°',
      guidance:
        'Décrire l’organisation des ressources médicales (effectifs, permanence des soins, recrutements, temps partagés) au service des objectifs médicaux. Signaler les tensions de démographie médicale et les réponses prévues.',
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
      title: 'Cohérence avec le CPOM et le projet médical partagé',
      legalBasis: 'D6143-37-1, L6143-2-2 al. 4',
      guidance:
        'Préciser les mesures prises en application du contrat pluriannuel d’objectifs et de moyens (CPOM) et, si l’établissement est partie à un GHT, la cohérence avec le projet médical partagé.',
      mandatory: false,
    },
    {
      id: 'cooperations-ville-medico-social',
      title: 'Coopérations avec les établissements, la ville et le secteur médico-social',
      legalBasis: 'L6143-2-2 al. 4',
      guidance:
        'Décrire les liens avec les autres établissements de santé, les professionnels de ville (CPTS, maisons de santé pluriprofessionnelles, centres de santé) et les établissements sociaux et médico-sociaux.',
      mandatory: false,
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
      title: 'Annexe — Articulation des pôles pour un parcours patient cohérent',
      legalBasis: 'D6143-37-1 5°',
      guidance:
        'En annexe, préciser comment les pôles d’activité s’articulent entre eux pour assurer un parcours de prise en charge cohérent du patient (adressages, avis, plateaux partagés).',
      mandatory: true,
    },
  ],
};
