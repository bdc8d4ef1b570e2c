import * as Y from 'yjs';
import { getSchema, type JSONContent } from '@tiptap/core';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import { fragmentName, initDocument, readOutline } from '../../schemas/docLayout';
import { modalities } from '../../schemas/modalities';
import type { SectionNode } from '../../schemas/project';
import { richTextExtensions } from '../../schemas/richText';
import { createIndicatorTable, etablissementsOf, fichesActionsMap, filieresMap, indicatorRows, matrixKey, objectifsMap, type Etablissement } from '../../schemas/structured';
import { pmpTemplate } from '../../templates';
import { demoPmpContent } from '../seed/demoContent';

/**
 * A realistic document of about `pages` A4 pages (benchmarks, load tests): the demo chapters, then
 * per chapter as many "units" of text (a sub-heading, four paragraphs, every third unit a
 * table) as the size asks, five filières with full matrices, fiches-actions with étapes and
 * indicators, and an indicator table. One unit is about one printed page.
 */
export interface SampleOptions {
  pages: number;
  title?: string;
}

export const sampleEtablissements: Etablissement[] = [
  { id: 'etab-support', name: 'Centre hospitalier de Corbeil-Seine' },
  { id: 'etab-etampes', name: 'Centre hospitalier d’Étampes-Juine' },
  { id: 'etab-milly', name: 'Hôpital de proximité de Milly-la-Forêt' },
];

const sentences = [
  'Le groupement organise la prise en charge de ses patients à l’échelle du territoire, en lien étroit avec les professionnels de ville et le secteur médico-social.',
  'Chaque établissement conserve une offre de proximité, tandis que les activités de recours sont concentrées sur le site qui dispose du plateau technique adapté.',
  'Les équipes médicales communes assurent des consultations avancées et participent à la permanence des soins sur l’ensemble des sites du groupement.',
  'Les indicateurs de suivi sont calculés chaque année à partir du PMSI et des systèmes d’information partagés, puis présentés en commission médicale de groupement.',
  'Le projet s’inscrit dans les orientations du projet régional de santé et dans les objectifs fixés par le contrat pluriannuel d’objectifs et de moyens.',
  'Une attention particulière est portée aux délais d’accès aux soins, à la pertinence des actes et à la continuité des parcours entre l’hôpital et le domicile.',
];

const text = (value: string): JSONContent => ({ type: 'text', text: value });
const paragraph = (seed: number): JSONContent => ({
  type: 'paragraph',
  content: [text(Array.from({ length: 5 }, (_, i) => sentences[(seed + i) % sentences.length]).join(' '))],
});
const table = (seed: number, etablissements: Etablissement[]): JSONContent => ({
  type: 'table',
  content: [
    { type: 'tableRow', content: ['Site', 'Activité', 'Objectif 2030'].map((h) => ({ type: 'tableHeader', content: [{ type: 'paragraph', content: [text(h)] }] })) },
    ...etablissements.map((e, i) => ({
      type: 'tableRow',
      content: [e.name, `Activité ${seed + i}`, `Cible ${(seed * 7 + i) % 90} %`].map((c) => ({ type: 'tableCell', content: [{ type: 'paragraph', content: [text(c)] }] })),
    })),
  ],
});

function unit(chapterIndex: number, n: number, etablissements: Etablissement[]): JSONContent[] {
  const seed = chapterIndex * 31 + n;
  const blocks: JSONContent[] = [{ type: 'heading', attrs: { level: 3 }, content: [text(`Orientation ${n + 1}`)] }];
  for (let i = 0; i < 4; i++) blocks.push(paragraph(seed + i));
  if (n % 3 === 2) blocks.push(table(seed, etablissements));
  return blocks;
}

function flatten(nodes: SectionNode[]): SectionNode[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children)]);
}

/** Where structured parts go: the sections whose template declares the block. */
interface Places {
  filieres: string | null;
  fiches: string | null;
  indicators: string[];
  objectifs: string | null;
}

function placesOf(sections: SectionNode[]): Places {
  const first = (kind: string) => sections.find((s) => s.blocks.includes(kind as never))?.id ?? null;
  return {
    filieres: first('filieres'),
    fiches: first('fichesActions'),
    indicators: sections.filter((s) => s.blocks.includes('indicators')).map((s) => s.id),
    objectifs: first('objectifs'),
  };
}

function addStructured(doc: Y.Doc, counts: { filieres: number; fiches: number }, etablissements: Etablissement[], places: Places): void {
  const filiereNames = ['Urgences et soins non programmés', 'Gériatrie', 'Cancérologie', 'Périnatalité et santé de l’enfant', 'Maladies cardio-neuro-vasculaires'].slice(0, counts.filieres);
  const { fiches } = counts;
  const filiereIds = (places.filieres ? filiereNames : []).map((name, index) => {
    const id = `filiere-${index + 1}`;
    const map = new Y.Map<unknown>();
    map.set('sectionId', places.filieres);
    map.set('name', name);
    map.set('position', index + 1);
    map.set('description', `Organisation graduée de la filière ${name.toLowerCase()} entre les trois établissements du groupement.`);
    const matrix = new Y.Map<unknown>();
    for (const m of modalities) for (const e of etablissements) matrix.set(matrixKey(m.id, e.id), `${m.shortLabel} : organisation assurée par ${e.name}.`);
    map.set('matrix', matrix);
    filieresMap(doc).set(id, map);
    return id;
  });
  for (let i = 0; places.fiches && i < fiches; i++) {
    const id = `fiche-${i + 1}`;
    const map = new Y.Map<unknown>();
    map.set('sectionId', places.fiches);
    map.set('position', i + 1);
    map.set('title', `Structurer le parcours n° ${i + 1} de la filière`);
    map.set('filiereId', filiereIds.length ? filiereIds[i % filiereIds.length]! : '');
    map.set('objectif', sentences[i % sentences.length]);
    map.set('modality', modalities[i % modalities.length]!.id);
    map.set('etablissements', Y.Array.from(etablissements.slice(0, 1 + (i % 3)).map((e) => e.id)));
    map.set('piloteMedical', 'Dr Claire Martin');
    map.set('piloteSoignant', 'Mme Anne Dubois, cadre supérieure de santé');
    map.set('directeurReferent', 'M. Marc Leroy');
    const etapes = new Y.Array<Y.Map<unknown>>();
    etapes.push(['Diagnostic partagé', 'Protocole commun', 'Évaluation'].map((label, k) => {
      const etape = new Y.Map<unknown>();
      etape.set('id', `${id}-e${k}`);
      etape.set('label', label);
      etape.set('echeance', `${2026 + k}-12-31`);
      return etape;
    }));
    map.set('etapes', etapes);
    fichesActionsMap(doc).set(id, map);
    createIndicatorTable(doc, id);
    indicatorRows(doc, id)!.push([indicator(i)]);
  }
  for (const owner of places.indicators) {
    createIndicatorTable(doc, owner);
    indicatorRows(doc, owner)!.push(Array.from({ length: 12 }, (_, i) => indicator(i + 100)));
  }
  const objectifsSection = places.objectifs;
  if (!objectifsSection) return;
  ['Garantir l’accès aux soins', 'Structurer les filières'].forEach((label, a) => {
    const axe = new Y.Map<unknown>();
    Object.entries({ sectionId: objectifsSection, parentId: null, level: 'axe', label, position: a + 1 }).forEach(([k, v]) => axe.set(k, v));
    objectifsMap(doc).set(`axe-${a}`, axe);
    for (let s = 0; s < 2; s++) {
      const strat = new Y.Map<unknown>();
      Object.entries({ sectionId: objectifsSection, parentId: `axe-${a}`, level: 'strategique', label: `${label} : objectif ${s + 1}`, position: s + 1 }).forEach(([k, v]) => strat.set(k, v));
      objectifsMap(doc).set(`axe-${a}-s${s}`, strat);
    }
  });
}

function indicator(i: number): Y.Map<unknown> {
  const row = new Y.Map<unknown>();
  row.set('id', `ind-${i}`);
  row.set('indicateur', `Délai médian d’accès n° ${i}`);
  row.set('methode', 'Médiane du délai entre la demande et la prise en charge, tous sites, sur l’année');
  row.set('valeurOrigine', `${30 + (i % 20)} jours`);
  row.set('dateOrigine', '2025-12-31');
  row.set('valeurCible', `${15 + (i % 10)} jours`);
  row.set('dateCible', '2029-12-31');
  row.set('source', 'PMSI');
  row.set('periodicite', 'annuelle');
  return row;
}

export function buildSampleDocument(options: SampleOptions): Y.Doc {
  const doc = new Y.Doc();
  initDocument(doc, pmpTemplate, { title: options.title ?? 'Projet médical partagé 2026–2030', etablissements: sampleEtablissements });
  fillSampleContent(doc, options.pages);
  return doc;
}

/**
 * Writes sample content into a document that already has its outline (a PMP's chapter ids), in
 * one transaction; matrices decline over the document's établissements.
 */
export function fillSampleContent(doc: Y.Doc, pages: number): void {
  const etablissements = etablissementsOf(doc).length ? etablissementsOf(doc) : sampleEtablissements;
  const schema = getSchema(richTextExtensions());
  const sections = flatten(readOutline(doc));
  // Measured on a PMP: about 19 pages are fixed (cover, contents, demo text, filières, fiches)
  // and a unit prints as 0.8 page. Below that, a brief document: one paragraph per chapter, one
  // filière and one fiche-action (17 pages: each legal chapter starts a page).
  const brief = pages < 19;
  const fiches = brief ? 1 : Math.max(2, Math.round(pages / 12));
  const units = Math.max(0, Math.round((pages - 19) / 0.8));
  doc.transact(() => {
    sections.forEach((section, index) => {
      // Every section gets at least one unit (a paragraph when brief), so a sample document is complete.
      const own = Math.max(1, Math.floor(units / sections.length) + (index < units % sections.length ? 1 : 0));
      const demo = demoPmpContent[section.id]?.content ?? [];
      const content = brief ? [paragraph(index)] : [...demo, ...Array.from({ length: own }, (_, n) => unit(index, n, etablissements)).flat()];
      if (content.length) prosemirrorJSONToYXmlFragment(schema, { type: 'doc', content }, doc.getXmlFragment(fragmentName(section.id)));
    });
    addStructured(doc, { filieres: brief ? 1 : 5, fiches }, etablissements, placesOf(sections));
  });
}
