// @vitest-environment happy-dom
import type { Editor } from '@tiptap/core';
import { afterEach, describe, expect, it, vi } from 'vitest';

// linkifyjs keeps the console.warn it finds when loaded: spy first, then load Tiptap.
const warn = vi.spyOn(console, 'warn');
const { Editor: TiptapEditor } = await import('@tiptap/core');
const { richTextExtensions } = await import('../../schemas/richText');

const editors: Editor[] = [];
afterEach(() => {
  editors.splice(0).forEach((e) => e.destroy());
});

/** Tiptap runs the extensions' onCreate (where Link registers its schemes) in a setTimeout. */
const created = (editor: Editor) => new Promise<void>((resolve) => (editor.isInitialized ? resolve() : editor.on('create', () => resolve())));

async function mount(content: string): Promise<Editor> {
  const element = document.createElement('div');
  document.body.append(element);
  const editor = new TiptapEditor({ element, extensions: richTextExtensions(), content });
  editors.push(editor);
  await created(editor);
  return editor;
}

const linkifyWarnings = () => warn.mock.calls.map((c) => String(c[0])).filter((m) => m.includes('linkify'));
const hrefs = (editor: Editor) => [...editor.view.dom.querySelectorAll('a')].map((a) => a.getAttribute('href'));

describe('rich-text links (linkifyjs)', () => {
  it('a second editor does not make linkifyjs warn', async () => {
    const first = await mount('<p>Voir le site</p>');
    first.commands.insertContent(' https://sante.gouv.fr ');
    const second = await mount('<p>Texte</p>');
    second.commands.insertContent(' https://ars.sante.fr ');
    first.destroy();
    await mount('<p>Troisième</p>');
    expect(linkifyWarnings()).toEqual([]);
  });

  it('still links http, https and mailto only', async () => {
    const editor = await mount(
      '<p><a href="https://www.has-sante.fr">HAS</a> <a href="mailto:pcme@ch.fr">PCME</a> <a href="http://ch.fr">CH</a> <a href="javascript:alert(1)">x</a> <a href="data:text/html,x">y</a> <a href="ftp://ch.fr">z</a></p>',
    );
    expect(hrefs(editor)).toEqual(['https://www.has-sante.fr', 'mailto:pcme@ch.fr', 'http://ch.fr']);
  });

  it('still autolinks typed web addresses', async () => {
    const editor = await mount('<p>Voir</p>');
    editor.commands.focus('end');
    editor.commands.insertContent(' https://sante.gouv.fr ');
    editor.commands.insertContent(' ftp://ch.fr ');
    expect(hrefs(editor)).toEqual(['https://sante.gouv.fr']);
  });
});
