import type { Editor } from '@tiptap/core';
import type * as Y from 'yjs';
import { countDocumentWords, countWords } from '../../../schemas/documentText';
import { h } from '../dom';

const formatter = new Intl.NumberFormat('fr-FR');
const words = (n: number): string => `${formatter.format(n)} mot${n > 1 ? 's' : ''}`;

/** Counting the whole document waits this long after a change (it reads every section). */
const documentDelayMs = 500;

/**
 * The editor's footer: « 1 234 mots dans cette section · 12 345 mots dans le document », kept up
 * to date as anyone types (the section at most once a frame, the document twice a second).
 */
export function createWordCount(editor: Editor, doc: Y.Doc): { element: HTMLElement; destroy(): void } {
  const section = h('span', { class: 'word-count-section', 'data-words': '0' });
  const whole = h('span', { class: 'word-count-document', 'data-words': '0' });
  const element = h('p', { class: 'word-count' }, section, ' · ', whole);
  let pending = 0;
  let documentTimer: ReturnType<typeof setTimeout> | null = null;
  const render = (): void => {
    pending = 0;
    if (editor.isDestroyed) return;
    const n = countWords(editor.state.doc.textBetween(0, editor.state.doc.content.size, ' ', ' '));
    section.dataset.words = String(n);
    section.textContent = `${words(n)} dans cette section`;
  };
  const renderDocument = (): void => {
    documentTimer = null;
    const n = countDocumentWords(doc);
    whole.dataset.words = String(n);
    whole.textContent = `${words(n)} dans le document`;
  };
  const schedule = (): void => {
    if (pending === 0) pending = requestAnimationFrame(render);
  };
  const scheduleDocument = (): void => {
    documentTimer ??= setTimeout(renderDocument, documentDelayMs);
  };
  editor.on('update', schedule);
  doc.on('update', scheduleDocument);
  render();
  renderDocument();
  return {
    element,
    destroy() {
      if (pending) cancelAnimationFrame(pending);
      if (documentTimer) clearTimeout(documentTimer);
      editor.off('update', schedule);
      doc.off('update', scheduleDocument);
    },
  };
}
