import { describe, expect, it } from 'vitest';
import { getSchema } from '@tiptap/core';
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import { fragmentName, readOutline } from '../../schemas/docLayout';
import { richTextExtensions } from '../../schemas/richText';
import { sectionPlainText } from '../../schemas/sectionText';
import { charsPerPage, realisticDocument, templateSectionIds } from '../../fixtures/realisticDocument';

describe('realistic document generator (benchmarks)', () => {
  it('writes about N pages the editor can open: valid Tiptap content in every section', () => {
    const doc = realisticDocument(8, 3);
    const schema = getSchema(richTextExtensions());
    const ids = templateSectionIds();
    expect(readOutline(doc).length).toBeGreaterThan(0);
    let chars = 0;
    const kinds = new Set<string>();
    for (const id of ids) {
      const node = yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(fragmentName(id)), schema);
      expect(() => node.check()).not.toThrow();
      node.descendants((n) => void kinds.add(n.type.name));
      chars += sectionPlainText(doc, id).replace(/\n/g, '').length;
    }
    expect(chars).toBeGreaterThan(8 * charsPerPage * 0.9);
    expect(chars).toBeLessThan(8 * charsPerPage * 1.3);
    expect([...kinds]).toEqual(expect.arrayContaining(['heading', 'paragraph', 'bulletList', 'table', 'tableHeader', 'tableCell']));
  });

  it('is the same document for the same seed', () => {
    const text = (seed: number) =>
      templateSectionIds()
        .map((id) => sectionPlainText(realisticDocument(2, seed), id))
        .join('|');
    expect(text(5)).toBe(text(5));
    expect(text(5)).not.toBe(text(6));
  });
});
