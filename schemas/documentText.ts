import * as Y from 'yjs';
import { readOutline, fragmentName } from './docLayout';
import { modalities } from './modalities';
import type { SectionNode } from './project';
import { designatedPerson, personFields } from './fichePeople';
import { textOf } from './sharedText';
import { etablissementsOf, fichesActionsMap, filieresMap, indicatorRowMaps, matrixKey, objectifsMap, recordEntries, type ObjectiveLevel } from './structured';

/**
 * The text of a document as readers search and count it: each section's rich text, then the
 * text fields of its structured parts (filières and their matrix cells, fiches-actions and their
 * étapes, indicator rows, objectifs), in the order the editor shows them. Used by the find bar,
 * the search across projects and the word count, so all three see the same words.
 */

/** Where a structured text lives: the record's map and the field's key (the editor focuses its control). */
export interface FieldPlace {
  map: Y.Map<unknown>;
  key: string;
}

export interface TextUnit {
  sectionId: string;
  /** null for the section's rich text. */
  field: FieldPlace | null;
  /** What the text is, in French (« Fiche-action « Urgences » — Objectif »). */
  label: string;
  text: string;
}

/** Inline nodes of the rich-text schema: one character in ProseMirror's positions (« \uFFFC » here). */
const inlineNodes = new Set(['hardBreak', 'image']);
export const inlineObject = '\uFFFC';

function xmlTextString(text: Y.XmlText): string {
  return (text.toDelta() as { insert: unknown }[]).map((op) => (typeof op.insert === 'string' ? op.insert : inlineObject)).join('');
}

/**
 * The textblocks of a fragment (paragraphs, headings, table cells' paragraphs…), one string
 * each: a match never spans two blocks, as in the editor.
 */
export function richTextBlocks(fragment: Y.XmlFragment | Y.XmlElement): string[] {
  const out: string[] = [];
  let line: string | null = null;
  for (const child of fragment.toArray()) {
    if (child instanceof Y.XmlText) line = (line ?? '') + xmlTextString(child);
    else if (child instanceof Y.XmlElement && inlineNodes.has(child.nodeName)) line = (line ?? '') + inlineObject;
    else if (child instanceof Y.XmlElement) {
      if (line !== null) out.push(line);
      line = null;
      out.push(...richTextBlocks(child));
    }
  }
  if (line !== null) out.push(line);
  return out;
}

const position = (map: Y.Map<unknown>): number => {
  const value = map.get('position');
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
};

function recordsOf(root: Y.Map<Y.Map<unknown>>, sectionId: string): [string, Y.Map<unknown>][] {
  return recordEntries(root)
    .filter(([, map]) => map.get('sectionId') === sectionId)
    .sort(([a, ma], [b, mb]) => position(ma) - position(mb) || a.localeCompare(b));
}

const indicatorLabels: Record<string, string> = {
  indicateur: 'Indicateur',
  methode: 'Méthode de construction',
  valeurOrigine: 'Valeur d’origine',
  valeurCible: 'Valeur cible',
  source: 'Source',
  periodicite: 'Périodicité',
};
const ficheLabels: Record<string, string> = {
  title: 'Titre',
  objectif: 'Objectif',
  piloteMedical: 'Pilote médical',
  piloteSoignant: 'Pilote soignant',
  directeurReferent: 'Directeur référent',
};
const levelLabels: Record<ObjectiveLevel, string> = { axe: 'Axe', strategique: 'Objectif stratégique', operationnel: 'Objectif opérationnel' };

export interface TextUnitOptions {
  /**
   * The display name of a member chosen as a fiche-action's pilot or référent (the field then
   * holds the person's id, not text); unknown ids read as nothing.
   */
  personName?(userId: string): string | undefined;
}

/** The structured text fields of one section, in the editor's order. */
export function structuredUnits(doc: Y.Doc, section: Pick<SectionNode, 'id' | 'blocks'>, options: TextUnitOptions = {}): TextUnit[] {
  const units: TextUnit[] = [];
  const sectionId = section.id;
  const add = (map: Y.Map<unknown>, key: string, label: string): void => {
    units.push({ sectionId, field: { map, key }, label, text: textOf(map.get(key)) });
  };
  const indicatorUnits = (ownerId: string, owner: string): void => {
    indicatorRowMaps(doc, ownerId).forEach((row, index) => {
      for (const [key, label] of Object.entries(indicatorLabels)) add(row, key, `${owner}Indicateur ${index + 1} — ${label}`);
    });
  };
  const etablissements = etablissementsOf(doc);
  for (const block of section.blocks) {
    if (block === 'filieres') {
      for (const [, filiere] of recordsOf(filieresMap(doc), sectionId)) {
        const name = textOf(filiere.get('name')).trim() || 'sans nom';
        add(filiere, 'name', `Filière « ${name} » — Nom`);
        add(filiere, 'description', `Filière « ${name} » — Principes d’organisation`);
        const matrix: unknown = filiere.get('matrix');
        if (!(matrix instanceof Y.Map)) continue;
        for (const modality of modalities) {
          for (const etablissement of etablissements) {
            add(
              matrix as Y.Map<unknown>,
              matrixKey(modality.id, etablissement.id),
              `Filière « ${name} » — ${modality.letter}) ${modality.shortLabel} — ${etablissement.name}`,
            );
          }
        }
      }
    } else if (block === 'fichesActions') {
      for (const [ficheId, fiche] of recordsOf(fichesActionsMap(doc), sectionId)) {
        const title = textOf(fiche.get('title')).trim() || 'sans titre';
        const prefix = `Fiche-action « ${title} » — `;
        for (const [key, label] of Object.entries(ficheLabels)) {
          // A member chosen: their name (when known here); else the free text of an older document.
          const person = personFields.find((f) => f === key);
          const id = person ? designatedPerson(fiche, person) : null;
          if (id) units.push({ sectionId, field: { map: fiche, key }, label: prefix + label, text: options.personName?.(id) ?? '' });
          else add(fiche, key, prefix + label);
        }
        const etapes: unknown = fiche.get('etapes');
        if (etapes instanceof Y.Array) {
          (etapes.toArray() as unknown[]).forEach((etape, index) => {
            if (etape instanceof Y.Map) add(etape as Y.Map<unknown>, 'label', `${prefix}Étape ${index + 1}`);
          });
        }
        indicatorUnits(ficheId, prefix);
      }
    } else if (block === 'indicators') {
      indicatorUnits(sectionId, '');
    } else if (block === 'objectifs') {
      for (const [, node] of recordsOf(objectifsMap(doc), sectionId)) {
        const level = node.get('level') as ObjectiveLevel;
        add(node, 'label', levelLabels[level] ?? 'Objectif');
      }
    }
  }
  return units;
}

/** A section's rich text as one unit (its blocks joined by line breaks). */
export function richTextUnit(doc: Y.Doc, sectionId: string): TextUnit {
  return { sectionId, field: null, label: 'Texte', text: richTextBlocks(doc.getXmlFragment(fragmentName(sectionId))).join('\n') };
}

/** Depth-first, in outline order. */
function flatten(nodes: SectionNode[]): SectionNode[] {
  return nodes.flatMap((node) => [node, ...flatten(node.children)]);
}

/** Every text of the document, section by section in outline order: rich text, then structured fields. */
export function documentTextUnits(doc: Y.Doc, options: TextUnitOptions = {}): TextUnit[] {
  return flatten(readOutline(doc)).flatMap((section) => [richTextUnit(doc, section.id), ...structuredUnits(doc, section, options)]);
}

/** Words of a text as a reader counts them: runs of letters or digits, « l’hôpital » being one. */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:[’'-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}

/** Every word of the document: each section's text and the text fields of its structured parts. */
export function countDocumentWords(doc: Y.Doc, options: TextUnitOptions = {}): number {
  return documentTextUnits(doc, options).reduce((sum, unit) => sum + countWords(unit.text), 0);
}
