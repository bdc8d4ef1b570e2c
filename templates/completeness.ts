import * as Y from 'yjs';
import { getTemplate, mandatoryChapterIds, notApplicableChapterIds } from './index';
import { metaMapName, readOutline } from '../schemas/docLayout';
import { modalities } from '../schemas/modalities';
import { documentKinds, type DocumentKind, type SectionNode } from '../schemas/project';
import { sectionPlainText } from '../schemas/sectionText';
import {
  etablissementsOf,
  fichesActionsMap,
  filieresMap,
  indicatorRowMaps,
  indicatorRows,
  isBaselineToEstablish,
  matrixKey,
  objectifsMap,
  recordEntries,
} from '../schemas/structured';
import { textOf } from '../schemas/sharedText';
import { designatedPerson } from '../schemas/fichePeople';

// The report is part of the API (GET /api/projects/:id/completeness): its shape lives in schemas/api.
import type { CompletenessItem, CompletenessReport } from '../schemas/api/sections';
export type { CompletenessItem, CompletenessProblem, CompletenessReport } from '../schemas/api/sections';

/** A text field reads as blank when empty, whether shared text or (older documents) a plain string. */
const blank = (value: unknown): boolean => textOf(value).trim() === '';
const quote = (title: string) => `« ${title} »`;

type Records = { id: string; map: Y.Map<unknown> }[];
function recordsOf(map: Y.Map<Y.Map<unknown>>, sectionId: string): Records {
  const out: Records = [];
  for (const [id, record] of recordEntries(map)) if (record.get('sectionId') === sectionId) out.push({ id, map: record });
  return out.sort((a, b) => Number(a.map.get('position') ?? 0) - Number(b.map.get('position') ?? 0) || a.id.localeCompare(b.id));
}

function flatten(nodes: SectionNode[]): SectionNode[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children)]);
}

/** What a document must contain, as the server knows it from the database (project kind, template). */
export interface RequiredParts {
  kind: DocumentKind;
  sectionIds: string[];
  /** Required parts that apply only where relevant: marked "sans objet" with a justification, they need no text. */
  notApplicableAllowed?: string[];
}

/** Without the server's word (the editor's live panel): the kind and mandatory flags the document shows. */
function requiredFromDocument(doc: Y.Doc, sections: SectionNode[]): RequiredParts | { kind: undefined; sectionIds: string[]; notApplicableAllowed: string[] } {
  const stored = doc.getMap<unknown>(metaMapName).get('kind');
  const kind = documentKinds.includes(stored as DocumentKind) ? (stored as DocumentKind) : undefined;
  const fromTemplate = kind ? mandatoryChapterIds(getTemplate(kind)) : [];
  return {
    kind,
    sectionIds: [...new Set([...fromTemplate, ...sections.filter((s) => s.mandatory).map((s) => s.id)])],
    notApplicableAllowed: kind ? notApplicableChapterIds(getTemplate(kind), { chu: false }) : [],
  };
}

/**
 * What a document still lacks, part by part: mandatory parts absent or unwritten ('missing'),
 * structured blocks with nothing in them ('empty'), and records left half-filled ('incomplete':
 * a filière with an établissement without declination, an indicator without method or target, a
 * fiche-action without pilot…). Pure: reads the Y.Doc, changes nothing. The server passes the
 * `required` parts from the database: what the document says of itself (its kind, its mandatory
 * flags) is never what decides the submission gate.
 */
export function checkCompleteness(doc: Y.Doc, requiredParts?: RequiredParts): CompletenessReport {
  const items: CompletenessItem[] = [];
  const sections = flatten(readOutline(doc));
  const byId = new Map(sections.map((s) => [s.id, s]));
  const { kind, sectionIds, notApplicableAllowed = [] } = requiredParts ?? requiredFromDocument(doc, sections);
  const mayBeNotApplicable = new Set(notApplicableAllowed);
  // Marked "sans objet" where the text allows it: no text is owed, the justification is.
  const notApplicable = (s: SectionNode): boolean => s.notApplicable != null && mayBeNotApplicable.has(s.id);
  const template = kind ? getTemplate(kind) : undefined;
  const required = [...new Set(sectionIds)];
  const requiredSet = new Set(required);

  const ownContent = (s: SectionNode): boolean =>
    sectionPlainText(doc, s.id).trim() !== '' ||
    recordsOf(filieresMap(doc), s.id).length > 0 ||
    recordsOf(fichesActionsMap(doc), s.id).length > 0 ||
    recordsOf(objectifsMap(doc), s.id).length > 0 ||
    (indicatorRows(doc, s.id)?.length ?? 0) > 0;
  const hasContent = (s: SectionNode): boolean => ownContent(s) || s.children.some(hasContent);

  for (const id of required) {
    const section = byId.get(id);
    if (!section) {
      items.push({
        sectionId: id,
        path: `sections/${id}`,
        problem: 'missing',
        message: `La partie obligatoire ${quote(titleInTemplate(template, id))} est absente du document.`,
      });
    } else if (notApplicable(section)) {
      if (blank(section.notApplicable?.reason)) {
        items.push({
          sectionId: id,
          path: `sections/${id}/notApplicable`,
          problem: 'incomplete',
          message: `La partie ${quote(section.title)} est marquée « sans objet » sans justification : indiquez pourquoi elle ne s’applique pas.`,
        });
      }
    } else if (!hasContent(section)) {
      const why = section.notApplicable ? ' : elle ne peut pas être déclarée « sans objet » ici' : '';
      items.push({
        sectionId: id,
        path: `sections/${id}`,
        problem: 'missing',
        message: `La partie obligatoire ${quote(section.title)} n’est pas rédigée${why}.`,
      });
    }
  }
  for (const section of sections) {
    if (notApplicable(section)) continue;
    const mandatory = requiredSet.has(section.id);
    if (section.blocks.includes('filieres')) items.push(...checkFilieres(doc, section, mandatory));
    if (section.blocks.includes('fichesActions')) items.push(...checkFiches(doc, section));
    if (section.blocks.includes('indicators')) items.push(...checkIndicatorTable(doc, section, section.id, `sections/${section.id}/indicators`, mandatory));
    if (section.blocks.includes('objectifs')) items.push(...checkObjectifs(doc, section));
  }
  return { complete: items.length === 0, items };
}

function titleInTemplate(template: ReturnType<typeof getTemplate> | undefined, id: string): string {
  const find = (chapters: NonNullable<typeof template>['chapters']): string | undefined => {
    for (const c of chapters) {
      if (c.id === id) return c.title;
      const inner = c.children && find(c.children);
      if (inner) return inner;
    }
    return undefined;
  };
  return (template && find(template.chapters)) ?? id;
}

function checkFilieres(doc: Y.Doc, section: SectionNode, mandatory: boolean): CompletenessItem[] {
  const items: CompletenessItem[] = [];
  const filieres = recordsOf(filieresMap(doc), section.id);
  const base = `sections/${section.id}/filieres`;
  if (filieres.length === 0 && mandatory) {
    items.push({ sectionId: section.id, path: base, problem: 'empty', message: `Aucune filière n’est déclarée dans ${quote(section.title)}.` });
  }
  const etablissements = etablissementsOf(doc);
  for (const { id, map } of filieres) {
    const name = blank(map.get('name')) ? 'sans nom' : textOf(map.get('name'));
    if (blank(map.get('name'))) {
      items.push({ sectionId: section.id, path: `${base}/${id}/name`, problem: 'incomplete', message: 'Une filière n’a pas de nom.' });
    }
    const stored: unknown = map.get('matrix');
    const matrix = stored instanceof Y.Map ? (stored as Y.Map<string>) : undefined;
    for (const etablissement of etablissements) {
      const lacking = modalities.filter((m) => blank(matrix?.get(matrixKey(m.id, etablissement.id))));
      if (lacking.length === 0) continue;
      items.push({
        sectionId: section.id,
        path: `${base}/${id}/${etablissement.id}`,
        problem: 'incomplete',
        message: `Filière ${quote(name)} : ${etablissement.name} n’a pas de déclinaison pour ${lacking.map((m) => `${m.letter}) ${m.shortLabel}`).join(', ')}.`,
      });
    }
  }
  return items;
}

function checkFiches(doc: Y.Doc, section: SectionNode): CompletenessItem[] {
  const items: CompletenessItem[] = [];
  for (const { id, map } of recordsOf(fichesActionsMap(doc), section.id)) {
    const base = `sections/${section.id}/fichesActions/${id}`;
    const title = blank(map.get('title')) ? 'sans titre' : textOf(map.get('title'));
    const problem = (field: string, message: string) =>
      items.push({ sectionId: section.id, path: `${base}/${field}`, problem: 'incomplete', message: `Fiche-action ${quote(title)} : ${message}` });
    if (blank(map.get('title'))) problem('title', 'elle n’a pas de titre.');
    if (
      !designatedPerson(map, 'piloteMedical') &&
      !designatedPerson(map, 'piloteSoignant') &&
      blank(map.get('piloteMedical')) &&
      blank(map.get('piloteSoignant'))
    ) {
      problem('pilotes', 'aucun pilote (médical ou soignant) n’est désigné.');
    }
    if (blank(map.get('objectif'))) problem('objectif', 'l’objectif n’est pas renseigné.');
    items.push(...checkIndicatorTable(doc, section, id, `${base}/indicators`, true, `Fiche-action ${quote(title)} : `));
  }
  return items;
}

function checkIndicatorTable(doc: Y.Doc, section: SectionNode, ownerId: string, base: string, required: boolean, prefix = ''): CompletenessItem[] {
  const items: CompletenessItem[] = [];
  const rows = indicatorRowMaps(doc, ownerId);
  if (rows.length === 0 && required) {
    items.push({ sectionId: section.id, path: base, problem: 'empty', message: `${prefix}aucun indicateur n’est défini.` });
  }
  rows.forEach((row, index) => {
    const rowId = row.get('id') ?? String(index);
    const label = blank(row.get('indicateur')) ? `n° ${index + 1}` : quote(textOf(row.get('indicateur')));
    const lacking: string[] = [];
    if (blank(row.get('indicateur'))) lacking.push('libellé');
    if (blank(row.get('methode'))) lacking.push('méthode de construction');
    if (isBaselineToEstablish(textOf(row.get('valeurOrigine')))) {
      // A new indicator: its baseline is measured later, by the date given.
      if (blank(row.get('dateOrigine'))) lacking.push('date à laquelle sa valeur d’origine « à établir » sera mesurée');
    } else if (blank(row.get('valeurOrigine')) || blank(row.get('dateOrigine'))) {
      lacking.push('valeur d’origine et sa date (ou « à établir » et la date à laquelle elle sera mesurée)');
    }
    if (blank(row.get('valeurCible')) || blank(row.get('dateCible'))) lacking.push('valeur cible et sa date');
    if (lacking.length > 0) {
      items.push({
        sectionId: section.id,
        path: `${base}/${rowId}`,
        problem: 'incomplete',
        message: `${prefix}l’indicateur ${label} n’a pas de ${lacking.join(', ni de ')}.`,
      });
    }
  });
  return items;
}

function checkObjectifs(doc: Y.Doc, section: SectionNode): CompletenessItem[] {
  const items: CompletenessItem[] = [];
  const nodes = recordsOf(objectifsMap(doc), section.id);
  for (const { id, map } of nodes) {
    const path = `sections/${section.id}/objectifs/${id}`;
    if (blank(map.get('label'))) {
      items.push({ sectionId: section.id, path, problem: 'incomplete', message: 'Un objectif n’a pas de libellé.' });
    } else if (map.get('level') === 'axe' && !nodes.some((n) => n.map.get('parentId') === id)) {
      items.push({ sectionId: section.id, path, problem: 'incomplete', message: `L’axe ${quote(textOf(map.get('label')))} n’a aucun objectif stratégique.` });
    }
  }
  return items;
}
