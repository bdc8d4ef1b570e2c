import type { DocumentTemplate } from '../../schemas/project';

import { modalities } from '../../schemas/modalities';

export { modalities, type Modality, type ModalityId } from '../../schemas/modalities';

/** 'a) Permanence et continuité des soins ; b) … ; h) …' — used in guidance texts. */
export const modalitiesSentence = modalities.map((m) => `${m.letter}) ${m.label.charAt(0).toLowerCase()}${m.label.slice(1)}`).join(' ; ');

/**
 * Projet médical partagé d'un GHT (R6132-3 I as rewritten in 2021 (1° to 12°),
 * elaborated by the CMG (L6132-2-1, D6132-9 I). 9° (the defence's needs) applies only when a
 * military hospital is associated, hence optional here.
 */
export const pmpTemplate: DocumentTemplate = {
  kind: 'PMP',
  version: 2,
  label: 'Projet médical partagé',
  legalBasis: 'L6132-2, R6132-3',
  chapters: [
    {
      id: 'diagnostic',
      title: 'Diagnostic territorial et filières prioritaires',
      legalBasis: 'R6132-3 I',
      guidance:
        'Présenter le territoire du GHT, les besoins de santé de sa population et l’offre existante, puis justifier le choix des filières prioritaires.',
      mandatory: false,
    },
    {
      id: 'objectifs-medicaux',
      title: 'Objectifs médicaux',
      legalBasis: 'R6132-3 I 1°',
      guidance:
        'Énoncer la stratégie médicale du groupement et ses objectifs médicaux pour cinq ans au plus, en cohérence avec le projet régional de santé. La CMG élabore le projet médical partagé (L6132-2-1, D6132-9 I) ; son président veille à la cohérence des projets médicaux des établissements avec lui (L6132-2-2).',
      mandatory: true,
      blocks: ['objectifs'],
    },
    {
      id: 'qualite-securite-pertinence',
      title: 'Objectifs de qualité, de sécurité et de pertinence des soins',
      legalBasis: 'R6132-3 I 2°',
      guidance:
        'Fixer des objectifs communs d’amélioration de la qualité, de la sécurité et de la pertinence des soins (harmonisation des pratiques, gestion des risques, pertinence des actes), assortis d’indicateurs.',
      mandatory: true,
    },
    {
      id: 'offre-soins-graduee',
      title: 'Organisation par filière d’une offre de soins graduée',
      legalBasis: 'R6132-3 I 3°',
      guidance:
        'Pour chaque filière prioritaire, décrire la gradation de l’offre entre les établissements : proximité, référence et recours. Préciser quel établissement assure quel niveau et comment le patient circule entre eux.',
      mandatory: true,
    },
    {
      id: 'filieres',
      title: 'Principes d’organisation des activités par filière et par établissement',
      legalBasis: 'R6132-3 I 4°',
      guidance: `Pour chaque filière (une sous-partie par filière), décrire les principes d’organisation des activités avec leur déclinaison par établissement, et le cas échéant leur réalisation par télémédecine, pour chacune des huit modalités : ${modalitiesSentence}. Pour la permanence et la continuité des soins (a), s’inscrire dans le schéma territorial de la permanence des soins en établissement de santé (PDSES, R6132-3 I 4° a). Une modalité sans objet pour une filière doit être signalée comme telle, en indiquant pourquoi.`,
      mandatory: true,
      blocks: ['filieres', 'fichesActions'],
    },
    {
      id: 'biologie-imagerie-pharmacie',
      title: 'Projets de biologie médicale, d’imagerie et de pharmacie',
      legalBasis: 'R6132-3 I 5°',
      guidance: 'Présenter les projets médico-techniques communs du groupement ; chacun des trois domaines fait l’objet d’une sous-partie.',
      mandatory: true,
      children: [
        {
          id: 'biologie-medicale',
          title: 'Projet de biologie médicale',
          legalBasis: 'R6132-3 I 5°',
          guidance:
            'Décrire l’organisation commune de la biologie (laboratoire multisite, biologie de proximité et de pointe, délais de rendu, permanence des soins).',
          mandatory: true,
        },
        {
          id: 'imagerie-medicale',
          title: 'Projet d’imagerie médicale, y compris interventionnelle',
          legalBasis: 'R6132-3 I 5°',
          guidance:
            'Décrire l’organisation commune de l’imagerie diagnostique et interventionnelle : équipements, équipe territoriale, téléradiologie, permanence des soins, pertinence des demandes.',
          mandatory: true,
        },
        {
          id: 'pharmacie',
          title: 'Projet de pharmacie (PUI)',
          legalBasis: 'R6132-3 I 5°',
          guidance:
            'Décrire l’organisation commune des pharmacies à usage intérieur : achats, pharmacotechnie, stérilisation, pharmacie clinique et sécurisation du circuit du médicament.',
          mandatory: true,
        },
      ],
    },
    {
      id: 'association-chu',
      title: 'Conditions de mise en œuvre de l’association au CHU',
      legalBasis: 'R6132-3 I 6°, L6132-3 IV',
      guidance:
        'Préciser comment le CHU de rattachement coordonne avec le groupement les quatre missions hospitalo-universitaires : enseignement, recherche, recours et gestion de la démographie médicale.',
      mandatory: true,
    },
    {
      id: 'emplois-medicaux-pharmaceutiques',
      title: 'Répartition des emplois médicaux et pharmaceutiques',
      legalBasis: 'R6132-3 I 7°',
      guidance:
        'Le cas échéant, présenter la répartition des emplois médicaux et pharmaceutiques qui découle de l’organisation par filière (elle peut faire l’objet d’un avenant à la convention constitutive). Si la partie est sans objet, la marquer « sans objet » en indiquant pourquoi.',
      mandatory: true,
      mayBeNotApplicable: true,
    },
    {
      id: 'equipes-medicales-communes',
      title: 'Principes d’organisation territoriale des équipes médicales communes',
      legalBasis: 'R6132-3 I 8°',
      guidance:
        'Décrire les équipes médicales communes ou pôles inter-établissements : périmètre, temps partagés, règles de fonctionnement et responsables médicaux.',
      mandatory: true,
    },
    {
      id: 'besoins-defense',
      title: 'Besoins spécifiques de la défense',
      legalBasis: 'R6132-3 I 9°',
      guidance: 'Uniquement lorsqu’un hôpital des armées est associé au groupement : préciser les besoins propres à la défense pris en compte par le projet.',
      mandatory: false,
    },
    {
      id: 'liens-territoriaux',
      title: 'Liens avec la santé mentale, les hôpitaux de proximité et l’exercice coordonné',
      legalBasis: 'R6132-3 I 10° et 11°',
      guidance:
        'Décrire les liens avec le ou les projets territoriaux de santé mentale (R6132-3 I 10°), les hôpitaux de proximité, les communautés psychiatriques de territoire et les structures d’exercice coordonné : CPTS, maisons et centres de santé (R6132-3 I 11°).',
      mandatory: true,
    },
    {
      id: 'suivi-evaluation',
      title: 'Modalités de suivi de la mise en œuvre et d’évaluation',
      legalBasis: 'R6132-3 I 12°',
      guidance:
        'Décrire le dispositif de suivi (instances, calendrier, bilan annuel) et le tableau d’indicateurs : indicateur, méthode de construction, valeur d’origine datée, valeur cible datée.',
      mandatory: true,
      blocks: ['indicators'],
    },
  ],
};
