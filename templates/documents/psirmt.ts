import type { DocumentTemplate } from '../../schemas/project';

/**
 * Projet de soins infirmiers, de rééducation et médico-techniques of an établissement,
 * drafted by the coordonnateur général des soins, avis of the
 * CSIRMT, then the Directoire. Its content is set by L6143-2-2: objectives, quality, safety and
 * care pathways, links with other établissements, coordinated care and ESMS, palliative-care
 * services, and in a CHU the training and research part (mandatory there).
 */
export const psirmtTemplate: DocumentTemplate = {
  kind: 'PSIRMT',
  version: 2,
  label: 'Projet de soins infirmiers, de rééducation et médico-techniques',
  legalBasis: 'L6143-2-2, L6146-9',
  chapters: [
    {
      id: 'diagnostic',
      title: 'Diagnostic et bilan du projet de soins précédent',
      guidance: 'Présenter les ressources soignantes de l’établissement, les résultats du projet précédent et les attentes des équipes et des patients.',
      mandatory: false,
    },
    {
      id: 'objectifs-soins',
      title: 'Objectifs de soins',
      legalBasis: 'L6143-2-2 al. 1',
      guidance:
        'Énoncer les objectifs stratégiques des soins infirmiers, de rééducation et médico-techniques pour cinq ans, en cohérence avec le projet médical de l’établissement.',
      mandatory: true,
      blocks: ['objectifs'],
    },
    {
      id: 'qualite-securite-soins',
      title: 'Objectifs de qualité et de sécurité des soins et des parcours',
      legalBasis: 'L6143-2-2 al. 2',
      guidance:
        'Fixer les objectifs d’amélioration de la qualité et de la sécurité des soins et des parcours (gestion des risques, prévention des événements indésirables, pertinence), assortis d’indicateurs.',
      mandatory: true,
    },
    {
      id: 'filieres-soins',
      title: 'Organisation des parcours et filières de soins',
      legalBasis: 'L6143-2-2 al. 1',
      guidance:
        'Décrire l’organisation soignante des parcours patients et des filières de l’établissement, en reprenant la structure par filière du projet médical.',
      mandatory: true,
      blocks: ['filieres', 'fichesActions'],
    },
    {
      id: 'organisation-soignante',
      title: 'Organisation des équipes soignantes et des compétences',
      guidance:
        'Décrire l’organisation des équipes, l’évolution des compétences et des métiers (pratiques avancées, protocoles de coopération), l’attractivité et la fidélisation.',
      mandatory: false,
    },
    {
      id: 'formation-recherche-soins',
      title: 'Formation, encadrement et recherche en soins',
      legalBasis: 'L6143-2-2 al. 3',
      guidance:
        'Présenter la politique d’encadrement des étudiants, de formation et de recherche paramédicale ; en CHU, où cette partie est obligatoire (L6143-2-2, 3e alinéa), l’articuler avec la stratégie de recherche et de formation des UFR.',
      mandatory: false,
      mandatoryInChu: true,
    },
    {
      id: 'experience-patient',
      title: 'Expérience patient, bientraitance et droits des usagers',
      guidance: 'Décrire comment l’expérience des patients et de leurs proches est recueillie et prise en compte, et les actions de bientraitance.',
      mandatory: false,
    },
    {
      id: 'volet-palliatif',
      title: 'Soins palliatifs',
      legalBasis: 'L6143-2-2 al. 5',
      guidance:
        'Nommer les services de l’établissement dans lesquels des soins palliatifs sont dispensés et décrire l’organisation soignante correspondante (lits identifiés, équipe mobile).',
      mandatory: true,
    },
    {
      id: 'liens-territoriaux',
      title: 'Liens avec la ville, le médico-social et les autres établissements',
      legalBasis: 'L6143-2-2 al. 4',
      guidance:
        'Décrire les liens soignants avec les autres établissements, les professionnels de ville (CPTS, maisons de santé, infirmiers libéraux) et le secteur médico-social, en cohérence avec le projet de soins partagé du GHT.',
      mandatory: true,
    },
    {
      id: 'suivi-evaluation',
      title: 'Suivi de la mise en œuvre et évaluation',
      guidance: 'Indiquer comment le coordonnateur général des soins suit la mise en œuvre du projet (indicateurs, calendrier, présentation en CSIRMT).',
      mandatory: false,
      blocks: ['indicators'],
    },
  ],
};
