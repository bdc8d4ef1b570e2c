import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fragmentName, initDocument, metaMapName } from '../../schemas/docLayout';
import { objectifsMap } from '../../schemas/structured';
import { cssString } from '../../server/export/html/handlebars';
import { renderDocumentHtml } from '../../server/export/html/renderHtml';
import { buildDocumentModel, flattenChapters, type ModelContext } from '../../server/export/model/build';
import { frenchDate, periodOfTitle } from '../../server/export/model/french';
import type { StructuredBlock } from '../../server/export/model/types';
import { buildSampleDocument } from '../../fixtures/sampleDocument';
import { pmpTemplate } from '../../templates';
import { loadRichText } from '../../server/richText/runtime';

// The server loads Tiptap on first need (http/richTextGate.ts); this file builds models at load.
await loadRichText();

const context: ModelContext = {
  organisation: 'GHT Seine-Essonne',
  fallbackTitle: 'Sans titre',
  fallbackKind: 'PMP',
  version: null,
  status: 'Document de travail',
  timeline: [],
  now: new Date('2026-03-15T10:00:00Z'),
};

const block = <K extends StructuredBlock['kind']>(blocks: StructuredBlock[], kind: K) =>
  blocks.find((b) => b.kind === kind) as Extract<StructuredBlock, { kind: K }>;

describe('document model', () => {
  const model = buildDocumentModel(buildSampleDocument({ pages: 30 }), context);
  const chapters = flattenChapters(model.chapters);

  it('numbers chapters in outline order and keeps the metadata the cover needs', () => {
    expect(model.meta).toMatchObject({
      kind: 'PMP',
      kindLabel: 'Projet médical partagé',
      title: 'Projet médical partagé 2026–2030',
      period: '2026–2030',
      versionLabel: 'Texte courant (non figé)',
      date: '15/03/2026',
      versionHash: null,
    });
    expect(chapters.map((c) => c.number).slice(0, 8)).toEqual(['1', '2', '3', '4', '5', '6', '6.1', '6.2']);
    expect(chapters.find((c) => c.number === '6.1')).toMatchObject({ depth: 2, title: 'Projet de biologie médicale' });
    expect(chapters.every((c) => c.body.type === 'doc')).toBe(true);
  });

  it('turns structured parts into plain tables: matrices, fiches numbered across the document, indicators with dates', () => {
    const filieres = chapters.find((c) => c.id === 'filieres')!;
    const matrices = block(filieres.blocks, 'filieres');
    expect(matrices.etablissements).toHaveLength(3);
    expect(matrices.filieres[0]!.matrix.map((r) => r.letter)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
    expect(matrices.filieres[0]!.matrix[0]!.cells).toHaveLength(3);
    const fiches = block(filieres.blocks, 'fichesActions').fiches;
    expect(fiches.map((f) => f.number)).toEqual(fiches.map((_, i) => `FA ${i + 1}`));
    expect(fiches[0]).toMatchObject({
      filiere: 'Urgences et soins non programmés',
      modality: 'a) Permanence et continuité des soins',
      etapes: [{ label: 'Diagnostic partagé', echeance: '31/12/2026' }, expect.anything(), expect.anything()],
    });
    const indicators = block(chapters.find((c) => c.id === 'suivi-evaluation')!.blocks, 'indicators');
    expect(indicators.rows[0]).toMatchObject({ origine: '30 jours (31/12/2025)', cible: '15 jours (31/12/2029)', source: 'PMSI' });
    const objectifs = block(chapters.find((c) => c.id === 'objectifs-medicaux')!.blocks, 'objectifs');
    expect(objectifs.nodes[0]).toMatchObject({
      levelLabel: 'Axe',
      number: '1',
      children: [{ number: '1.1', levelLabel: 'Objectif stratégique' }, { number: '1.2' }],
    });
  });

  it('marks empty chapters and drops links that are not http(s) or mailto', () => {
    const doc = new Y.Doc();
    initDocument(doc, pmpTemplate, { title: 'Projet' });
    const paragraph = new Y.XmlElement('paragraph');
    const text = new Y.XmlText();
    text.applyDelta([
      { insert: 'piège', attributes: { link: { href: 'javascript:alert(1)' } } },
      { insert: ' sûr', attributes: { link: { href: 'https://has-sante.fr' } } },
    ]);
    paragraph.insert(0, [text]);
    doc.getXmlFragment(fragmentName('objectifs-medicaux')).insert(0, [paragraph]);
    const m = buildDocumentModel(doc, context);
    const objectifs = m.chapters.find((c) => c.id === 'objectifs-medicaux')!;
    const [piege, sur] = objectifs.body.content![0]!.content!;
    expect(piege).toEqual({ type: 'text', text: 'piège' });
    expect(sur).toEqual({ type: 'text', text: ' sûr', marks: [{ type: 'link', attrs: { href: 'https://has-sante.fr' } }] });
    expect(objectifs.empty).toBe(false);
    expect(m.chapters.find((c) => c.id === 'diagnostic')!.empty).toBe(true);
    expect(m.meta.period).toBeNull();
  });

  it('survives a cycle of objectives written by a faulty client', () => {
    const doc = new Y.Doc();
    initDocument(doc, pmpTemplate, { title: 'Projet' });
    for (const [id, parentId] of [
      ['a', 'b'],
      ['b', 'a'],
      ['c', null],
    ] as const) {
      const node = new Y.Map<unknown>();
      for (const [k, v] of Object.entries({ sectionId: 'objectifs-medicaux', parentId, level: 'axe', label: id, position: 1 })) node.set(k, v);
      objectifsMap(doc).set(id, node);
    }
    const m = buildDocumentModel(doc, context);
    const nodes = block(m.chapters.find((c) => c.id === 'objectifs-medicaux')!.blocks, 'objectifs').nodes;
    expect(nodes.map((n) => n.label)).toEqual(['c']);
  });

  it('takes the period from the document meta when set', () => {
    const doc = new Y.Doc();
    initDocument(doc, pmpTemplate, { title: 'Projet' });
    doc.getMap(metaMapName).set('period', '2027–2031');
    expect(buildDocumentModel(doc, context).meta.period).toBe('2027–2031');
    expect(periodOfTitle('PMP 2026 - 2030')).toBe('2026–2030');
  });
});

describe('French dates and safe HTML', () => {
  it('formats dates as jj/mm/aaaa in Paris time', () => {
    expect(frenchDate('2026-06-30T22:30:00Z')).toBe('01/07/2026');
    expect(frenchDate('2026-12-31T22:30:00Z')).toBe('31/12/2026');
  });

  it('escapes CSS strings so a title cannot leave its string or the <style> element', () => {
    const escaped = cssString('Projet "; } </style><script>x</script> é');
    expect(escaped).not.toMatch(/["<>/;{} ]/);
    expect(escaped).toContain('\\000022');
    expect(escaped).toContain('\\0000e9');
  });

  it('escapes every text of the model in the HTML', () => {
    const doc = buildSampleDocument({ pages: 10, title: 'Titre <b>gras</b> & "cité"' });
    const html = renderDocumentHtml(buildDocumentModel(doc, { ...context, organisation: '<script>alert(1)</script>' })).html;
    expect(html).toContain('Titre &lt;b&gt;gras&lt;/b&gt; &amp; &quot;cité&quot;');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>gras');
  });
});
