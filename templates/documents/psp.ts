import type { DocumentTemplate } from '../../schemas/project';

/**
 * Projet de soins partagé d'un GHT (BRIEF §2 'PSP'), the care teams' counterpart of the PMP,
 * drafted by the presidents of the CSIRMT de groupement. BRIEF: same filière structure as the
 * PMP, same L6143-2-2 objectives; the exact article and the mandatory list are *to confirm*, so
 * the `mandatory` flags below are a starting point that an organisation may edit.
 */
export const pspTemplate: DocumentTemplate = {
  kind: 'PSP',
  version: 1,
  label: 'Projet de soins partagé',
  legalBasis: 'L6132-2, L6143-2-2 (article exact à confirmer)',
  chapters: [
    {
      id: 'diagnostic',
      title: 'Diagnostic et état des lieux soignant du territoire',
      guidance:
        'Présenter les ressources soignantes, de rééducation et médico-techniques des établissements du groupement, ainsi que les besoins de la population.',
      mandatory: false,
    },
    {
      id: 'objectifs-soins',
      title: 'Objectifs de soins',
      legalBasis: 'L6143-2-2 al. 1 (à confirmer)',
      guidance:
        'Énoncer les objectifs stratégiques des équipes soignantes, de rééducation et médico-techniques du groupement, en cohérence avec les objectifs médicaux du projet médical partagé. Caractère obligatoire à confirmer.',
      mandatory: true,
      blocks: ['objectifs'],
    },
    {
      id: 'qualite-securite-soins',
      title: 'Objectifs de qualité et de sécurité des soins et des parcours',
      legalBasis: 'L6143-2-2 al. 2 (à confirmer)',
      guidance:
        'Fixer des objectifs communs d’amélioration de la qualité et de la sécurité des soins et des parcours patients (harmonisation des protocoles, gestion des risques), assortis d’indicateurs. Caractère obligatoire à confirmer.',
      mandatory: true,
    },
    {
      id: 'filieres-soins',
      title: 'Organisation soignante des filières',
      legalBasis: 'R6132-3 I 3° et 4°, par analogie (à confirmer)',
      guidance:
        'Pour chaque filière du projet médical partagé, décrire l’organisation soignante graduée et sa déclinaison par établissement, selon les mêmes modalités a à h que le PMP. Caractère obligatoire à confirmer.',
      mandatory: true,
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
      guidance:
        'Décrire comment l’expérience des patients et de leurs proches est recueillie et prise en compte, et les actions communes de bientraitance.',
      mandatory: false,
    },
    {
      id: 'liens-territoriaux',
      title: 'Liens avec la ville, le médico-social et les autres établissements',
      legalBasis: 'L6143-2-2 al. 4 (à confirmer)',
      guidance:
        'Décrire les liens soignants avec les professionnels de ville (CPTS, maisons de santé, infirmiers libéraux), l’HAD, les établissements médico-sociaux et les hôpitaux de proximité. Caractère obligatoire à confirmer.',
      mandatory: true,
    },
    {
      id: 'suivi-evaluation',
      title: 'Modalités de suivi de la mise en œuvre et d’évaluation',
      legalBasis: 'R6132-3 I 12°, par analogie (à confirmer)',
      guidance:
        'Décrire le dispositif de suivi (CSIRMT de groupement, calendrier, bilan annuel) et le tableau d’indicateurs avec valeurs d’origine et cibles datées. Caractère obligatoire à confirmer.',
      mandatory: true,
      blocks: ['indicators'],
    },
  ],
};
