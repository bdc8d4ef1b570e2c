import * as Y from 'yjs';
import { getSchema, type JSONContent } from '@tiptap/core';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import { fragmentName, initDocument } from '../../schemas/docLayout';
import { richTextExtensions } from '../../schemas/richText';
import { chapterIds, getTemplate } from '../../templates';
import { pick, randomInt, seededRandom } from './prng';

/** Characters of text on one A4 page of a projet médical (11 pt, about 480 words). */
export const charsPerPage = 3000;

const subjects = [
  'La filière gériatrique', 'Le service des urgences', 'L’équipe mobile de soins palliatifs', 'Le plateau d’imagerie',
  'La commission médicale de groupement', 'Le pôle femme-enfant', 'L’hospitalisation à domicile', 'Le centre périnatal de proximité',
  'La permanence des soins', 'Le laboratoire de biologie médicale', 'L’unité de chirurgie ambulatoire', 'La pharmacie à usage intérieur',
];
const verbs = [
  'organise', 'renforce', 'coordonne', 'structure', 'développe', 'garantit', 'mutualise', 'évalue', 'sécurise', 'accompagne',
];
const objects = [
  'le parcours des patients âgés polypathologiques', 'l’accès aux avis spécialisés sur tout le territoire',
  'les consultations avancées dans les établissements de proximité', 'la continuité des soins la nuit et le week-end',
  'les retours précoces à domicile après une hospitalisation', 'la télé-expertise avec les médecins traitants',
  'le recrutement partagé des praticiens', 'les transferts entre établissements du groupement',
  'la prise en charge des accidents vasculaires cérébraux', 'le dépistage organisé des cancers',
];
const complements = [
  'en lien avec les CPTS du territoire', 'conformément au schéma régional de santé', 'd’ici la fin de l’année 2027',
  'avec des indicateurs suivis chaque semestre', 'dans le respect de la gradation des soins', 'sur les trois sites du groupement',
  'en associant les représentants des usagers', 'à moyens constants', 'avec l’appui de l’agence régionale de santé',
];
const headings = [
  'Diagnostic territorial', 'Objectifs opérationnels', 'Organisation cible', 'Moyens humains', 'Calendrier de mise en œuvre',
  'Indicateurs de suivi', 'Coopérations', 'Points de vigilance', 'Gradation des soins', 'Systèmes d’information',
];

const text = (value: string, bold = false): JSONContent => ({ type: 'text', text: value, ...(bold ? { marks: [{ type: 'bold' }] } : {}) });
const paragraph = (...content: JSONContent[]): JSONContent => ({ type: 'paragraph', content });

function sentence(random: () => number): string {
  return `${pick(random, subjects)} ${pick(random, verbs)} ${pick(random, objects)} ${pick(random, complements)}.`;
}

/** One block and the number of characters of text it carries. */
function block(random: () => number, index: number): { node: JSONContent; chars: number } {
  const roll = random();
  if (index % 6 === 0) {
    const title = `${pick(random, headings)} ${index / 6 + 1}`;
    return { node: { type: 'heading', attrs: { level: index % 12 === 0 ? 3 : 4 }, content: [text(title)] }, chars: title.length };
  }
  if (roll < 0.12) {
    const items = Array.from({ length: randomInt(random, 3, 5) }, () => sentence(random));
    const node = { type: 'bulletList', content: items.map((item) => ({ type: 'listItem', content: [paragraph(text(item))] })) };
    return { node, chars: items.join('').length };
  }
  if (roll < 0.2) {
    const columns = randomInt(random, 4, 5);
    const header = ['Indicateur', 'Valeur 2025', 'Cible 2030', 'Source', 'Périodicité'].slice(0, columns);
    const rows = Array.from({ length: randomInt(random, 4, 8) }, () =>
      Array.from({ length: columns }, (_, c) => (c === 0 ? pick(random, objects) : `${randomInt(random, 1, 999)} ${pick(random, ['%', 'séjours', 'jours', 'actes'])}`)),
    );
    const cell = (type: string, value: string, bold: boolean) => ({ type, content: [paragraph(text(value, bold))] });
    const node = {
      type: 'table',
      content: [
        { type: 'tableRow', content: header.map((h) => cell('tableHeader', h, true)) },
        ...rows.map((row) => ({ type: 'tableRow', content: row.map((v) => cell('tableCell', v, false)) })),
      ],
    };
    return { node, chars: [...header, ...rows.flat()].join('').length };
  }
  const sentences = Array.from({ length: randomInt(random, 2, 6) }, () => sentence(random));
  const emphasis = random() < 0.6 ? sentences.shift()! : null;
  const rest = ` ${sentences.join(' ')}`;
  const node = emphasis ? paragraph(text(emphasis, true), text(rest)) : paragraph(text(rest.trim()));
  return { node, chars: (emphasis ?? '').length + rest.length };
}

/**
 * Writes about `pages` pages of rich text into the section fragments of `doc` the way several
 * authors would through the editor binding: a few blocks per transaction, eight client ids
 * taking turns, and paragraphs revised afterwards (so the document carries tombstones).
 * Returns the number of text characters written.
 */
export function writeRealisticContent(doc: Y.Doc, sectionIds: string[], pages: number, seed = 1): number {
  const random = seededRandom(seed);
  const schema = getSchema(richTextExtensions());
  const authors = Array.from({ length: 8 }, (_, i) => 10_000 + seed * 16 + i);
  const originalClientId = doc.clientID;
  const weights = sectionIds.map(() => 0.5 + random());
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  let written = 0;
  sectionIds.forEach((sectionId, s) => {
    const target = (pages * charsPerPage * weights[s]!) / totalWeight;
    const fragment = doc.getXmlFragment(fragmentName(sectionId));
    const blocks: JSONContent[] = [];
    let chars = 0;
    const flush = () => {
      doc.clientID = pick(random, authors);
      prosemirrorJSONToYXmlFragment(schema, { type: 'doc', content: blocks }, fragment);
    };
    while (chars < target) {
      for (let n = randomInt(random, 2, 5); n > 0 && chars < target; n--) {
        const next = block(random, blocks.length);
        blocks.push(next.node);
        chars += next.chars;
      }
      flush();
      // Someone rereads and rewrites the end of an earlier paragraph.
      const revisable = blocks.map((b, i) => (b.type === 'paragraph' ? i : -1)).filter((i) => i >= 0);
      if (revisable.length > 0 && random() < 0.3) {
        const i = pick(random, revisable);
        const content = blocks[i]!.content!;
        const last = content[content.length - 1]!;
        content[content.length - 1] = text(`${last.text!.slice(0, Math.floor(last.text!.length * 0.7))} ${sentence(random)}`, !!last.marks);
        flush();
      }
    }
    written += chars;
  });
  doc.clientID = originalClientId;
  return written;
}

/** Section ids of a template, in document order. */
export const templateSectionIds = (kind: 'PM' | 'PMP' = 'PMP'): string[] => chapterIds(getTemplate(kind));

/** A whole project document (outline of the template + about `pages` pages of text). */
export function realisticDocument(pages: number, seed = 1, kind: 'PM' | 'PMP' = 'PMP'): Y.Doc {
  const doc = new Y.Doc();
  initDocument(doc, getTemplate(kind), { title: `Projet médical de ${pages} pages` });
  writeRealisticContent(doc, templateSectionIds(kind), pages, seed);
  return doc;
}
