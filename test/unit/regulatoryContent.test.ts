import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initDocument, sectionsMap } from '../../schemas/docLayout';
import { isBaselineToEstablish } from '../../schemas/structured';
import { addIndicator } from '../../schemas/structuredEdits';
import { renderDocumentHtml } from '../../server/export/html/renderHtml';
import { buildDocumentModel, flattenChapters } from '../../server/export/model/build';
import { documentContent } from '../../server/governance/content';
import { pmTemplate } from '../../templates';
import { loadRichText } from '../../server/richText/runtime';

// The server loads Tiptap on first need (http/richTextGate.ts); these call the model directly.
beforeAll(() => loadRichText());

/** Issue 17 in what is printed and voted: a part "sans objet" with why; a baseline "à établir". */
function pm(): Y.Doc {
  const doc = new Y.Doc();
  initDocument(doc, pmTemplate, { title: 'Projet médical 2027–2031' });
  return doc;
}
const context = {
  organisation: 'CH de Val-Haut',
  fallbackTitle: 'Sans titre',
  fallbackKind: 'PM' as const,
  version: null,
  status: 'Document de travail',
  timeline: [],
  now: new Date('2027-03-15T10:00:00Z'),
};

describe('a part marked "sans objet"', () => {
  it('prints its justification instead of "Partie à rédiger", and is part of the content a version hashes', () => {
    const doc = pm();
    const before = JSON.stringify(documentContent(doc));
    sectionsMap(doc)
      .get('annexe-poles')!
      .set('notApplicable', { reason: 'L’établissement n’est pas organisé en pôles.', by: 'Dr Martin', at: '2027-03-01T09:00:00.000Z' });
    const chapter = flattenChapters(buildDocumentModel(doc, context).chapters).find((c) => c.id === 'annexe-poles')!;
    expect(chapter.notApplicable).toBe('L’établissement n’est pas organisé en pôles.');
    const { html } = renderDocumentHtml(buildDocumentModel(doc, context));
    expect(html).toContain('<strong>Sans objet.</strong> L’établissement n’est pas organisé en pôles.');
    const content = documentContent(doc);
    expect(content.sections.find((s) => s.id === 'annexe-poles')?.notApplicable).toBe('L’établissement n’est pas organisé en pôles.');
    // A document without such a mark keeps the content (and hash) it had.
    expect(before).not.toContain('notApplicable');
  });
});

describe('a new indicator’s baseline "à établir"', () => {
  it('is recognised however it is typed, and printed with the date it will be measured by', () => {
    for (const text of ['à établir', 'À établir', ' a  etablir ']) expect(isBaselineToEstablish(text), text).toBe(true);
    expect(isBaselineToEstablish('12 jours')).toBe(false);
    const doc = pm();
    addIndicator(doc, 'suivi-evaluation', {
      indicateur: 'Délai de téléconsultation',
      methode: 'Médiane',
      valeurOrigine: 'À établir',
      dateOrigine: '2027-12-31',
      valeurCible: '48 h',
      dateCible: '2030-12-31',
    });
    const chapter = flattenChapters(buildDocumentModel(doc, context).chapters).find((c) => c.id === 'suivi-evaluation')!;
    const table = chapter.blocks.find((b) => b.kind === 'indicators');
    expect(table).toMatchObject({ rows: [expect.objectContaining({ origine: 'à établir, mesurée d’ici le 31/12/2027' })] });
  });
});
