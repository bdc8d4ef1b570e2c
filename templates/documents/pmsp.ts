import type { ChapterTemplate, DocumentTemplate } from '../../schemas/project';
import { pmpTemplate } from './pmp';
import { pspTemplate } from './psp';

/** Deep copy of chapter `id` of `source`, with optional changes; throws if the id is unknown. */
function take(source: DocumentTemplate, id: string, patch: Partial<Omit<ChapterTemplate, 'id'>> = {}): ChapterTemplate {
  const find = (chapters: ChapterTemplate[]): ChapterTemplate | undefined => {
    for (const c of chapters) {
      if (c.id === id) return c;
      const inChild = c.children ? find(c.children) : undefined;
      if (inChild) return inChild;
    }
    return undefined;
  };
  const found = find(source.chapters);
  if (!found) throw new Error(`PMSP template: chapter '${id}' not found in ${source.kind} template`);
  return { ...structuredClone(found), ...patch };
}

/**
 * Projet médico-soignant partagé (a ministry recommendation, no legal status of its own): the single document merging the PMP and the
 * PSP. It keeps every PMP chapter (same ids, so PMP rules and exports apply unchanged) and adds the
 * care-specific PSP chapters; parts both documents share (qualité, filières, liens territoriaux,
 * suivi) appear once, with guidance covering both the medical and the care side.
 */
export const pmspTemplate: DocumentTemplate = {
  kind: 'PMSP',
  version: 2,
  label: 'Projet médico-soignant partagé',
  legalBasis: 'L6132-2, R6132-3',
  chapters: [
    take(pmpTemplate, 'diagnostic', {
      guidance:
        'Présenter le territoire du GHT, les besoins de santé de sa population et l’offre médicale et soignante existante, puis justifier le choix des filières prioritaires.',
    }),
    take(pmpTemplate, 'objectifs-medicaux'),
    take(pspTemplate, 'objectifs-soins', {
      guidance:
        'Énoncer les objectifs stratégiques des équipes soignantes, de rééducation et médico-techniques du groupement, en regard des objectifs médicaux.',
    }),
    take(pmpTemplate, 'qualite-securite-pertinence', {
      guidance:
        'Fixer des objectifs communs, médicaux et soignants, d’amélioration de la qualité, de la sécurité et de la pertinence des soins et des parcours, assortis d’indicateurs.',
    }),
    take(pmpTemplate, 'offre-soins-graduee'),
    take(pmpTemplate, 'filieres', {
      title: 'Principes d’organisation médico-soignante des activités par filière et par établissement',
      guidance: `${pmpTemplate.chapters.find((c) => c.id === 'filieres')?.guidance ?? ''} Pour chaque filière, traiter ensemble l’organisation médicale et l’organisation soignante.`,
    }),
    take(pmpTemplate, 'biologie-imagerie-pharmacie'),
    take(pmpTemplate, 'association-chu'),
    take(pmpTemplate, 'emplois-medicaux-pharmaceutiques'),
    take(pmpTemplate, 'equipes-medicales-communes'),
    take(pspTemplate, 'organisation-soignante'),
    take(pspTemplate, 'formation-recherche-soins'),
    take(pspTemplate, 'experience-patient'),
    take(pmpTemplate, 'besoins-defense'),
    take(pmpTemplate, 'liens-territoriaux', {
      guidance:
        'Décrire les liens médicaux et soignants avec le ou les projets territoriaux de santé mentale, les hôpitaux de proximité, les communautés psychiatriques de territoire, les structures d’exercice coordonné (CPTS, maisons et centres de santé) et le secteur médico-social.',
    }),
    take(pmpTemplate, 'suivi-evaluation', {
      guidance:
        'Décrire le dispositif de suivi (commission médicale et CSIRMT de groupement, calendrier, bilan annuel) et le tableau d’indicateurs : indicateur, méthode de construction, valeur d’origine datée, valeur cible datée.',
    }),
  ],
};
