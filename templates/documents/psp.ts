import type { DocumentTemplate } from '../../schemas/project';

/**
 * Projet de soins partagé d'un GHT (organised by its convention, R6132-12), the care teams' counterpart of the PMP,
 * with the CSIRMT de groupement. No regulatory list of its parts exists: the GHT's convention
 * organises it (R6132-12). So the chapters below are a proposed structure, the PMP's filières
 * included, and none is mandatory: an organisation makes mandatory what its convention requires.
 */
export const pspTemplate: DocumentTemplate = {
  kind: 'PSP',
  version: 2,
  label: 'Projet de soins partagé',
  legalBasis: 'L6132-2, R6132-12',
  chapters: [
    {
      id: 'diagnostic',
      title: 'Diagnostic et état des lieux soignant du territoire',
      guidance:
        'Présenter les ressources soignantes, de rééducation et médico-techniques des établissements du groupement, ainsi que les besoins de la population. Aucun texte ne fixe la liste des parties du projet de soins partagé : la convention constitutive du GHT l’organise (R6132-12) ; les parties proposées ici s’adaptent à ce qu’elle prévoit.',
      mandatory: false,
    },
    {
      id: 'objectifs-soins',
      title: 'Objectifs de soins',
      guidance:
        'Énoncer les objectifs stratégiques des équipes soignantes, de rééducation et médico-techniques du groupement, en cohérence avec les objectifs médicaux du projet médical partagé.',
      mandatory: false,
      blocks: ['objectifs'],
    },
    {
      id: 'qualite-securite-soins',
      title: 'Objectifs de qualité et de sécurité des soins et des parcours',
      guidance:
        'Fixer des objectifs communs d’amélioration de la qualité et de la sécurité des soins et des parcours patients (harmonisation des protocoles, gestion des risques), assortis d’indicateurs.',
      mandatory: false,
    },
    {
      id: 'filieres-soins',
      title: 'Organisation soignante des filières',
      guidance:
        'Pour chaque filière du projet médical partagé, décrire l’organisation soignante graduée et sa déclinaison par établissement, selon les mêmes modalités a à h que le PMP.',
      mandatory: false,
      blocks: ['filieres', 'fichesActions'],
    },
    {
      id: 'organisation-soignante',
      title: 'Organisation des équipes soignantes et des compétences',
      guidance:
        'Décrire les équipes soignantes de territoire, les mutualisations, les pratiques avancées et protocoles de coopération, ainsi que les actions d’attractivité et de fidélisation.',
      mandatory: false,
    },
    {
      id: 'formation-recherche-soins',
      title: 'Formation, encadrement et recherche en soins',
      legalBasis: 'L6143-2-2 al. 3',
      guidance:
        'Présenter la politique commune d’encadrement des étudiants, de formation continue et de recherche paramédicale ; en lien avec le CHU lorsque le groupement y est associé.',
      mandatory: false,
    },
    {
      id: 'experience-patient',
      title: 'Expérience patient, bientraitance et droits des usagers',
      guidance: 'Décrire comment l’expérience des patients et de leurs proches est recueillie et prise en compte, et les actions communes de bientraitance.',
      mandatory: false,
    },
    {
      id: 'liens-territoriaux',
      title: 'Liens avec la ville, le médico-social et les autres établissements',
      guidance:
        'Décrire les liens soignants avec les professionnels de ville (CPTS, maisons de santé, infirmiers libéraux), l’HAD, les établissements médico-sociaux et les hôpitaux de proximité.',
      mandatory: false,
    },
    {
      id: 'suivi-evaluation',
      title: 'Modalités de suivi de la mise en œuvre et d’évaluation',
      guidance:
        'Décrire le dispositif de suivi (CSIRMT de groupement, calendrier, bilan annuel) et le tableau d’indicateurs avec valeurs d’origine et cibles datées.',
      mandatory: false,
      blocks: ['indicators'],
    },
  ],
};
