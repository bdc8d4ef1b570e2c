import type { Editor } from '@tiptap/core';
import type * as Y from 'yjs';
import { countDocumentWords, countWords } from '../../../schemas/documentText';
import { h } from '../dom';
import { createLifetime, type Part } from '../ui/part';

const formatter = new Intl.NumberFormat('fr-FR');
const words = (n: number): string => `${formatter.format(n)} mot${n > 1 ? 's' : ''}`;

/**
 * Counting the whole document reads every section (tens of milliseconds for a long one): it
 * waits until nobody has changed anything for this long, then for the browser to be idle, so it
 * never holds up a keystroke.
 */
const documentDelayMs = 1000;

/**
 * The editor's footer: « 1 234 mots dans cette section · 12 345 mots dans le document », kept up
 * to date as anyone types (the section at most once a frame, the document once typing pauses).
 */
export function createWordCount(editor: Editor, doc: Y.Doc): Part {
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
  const life = createLifetime();
  const renderDocument = (): void => {
    documentTimer = null;
    if (life.ended) return;
    const n = countDocumentWords(doc);
    whole.dataset.words = String(n);
    whole.textContent = `${words(n)} dans le document`;
  };
  const schedule = (): void => {
    if (pending === 0) pending = requestAnimationFrame(render);
  };
  const scheduleDocument = (): void => {
    if (documentTimer) clearTimeout(documentTimer);
    documentTimer = setTimeout(() => {
      if ('requestIdleCallback' in window) requestIdleCallback(renderDocument, { timeout: 2000 });
      else renderDocument();
    }, documentDelayMs);
  };
  editor.on('update', schedule);
  doc.on('update', scheduleDocument);
  life.onEnd(() => {
    if (pending) cancelAnimationFrame(pending);
    if (documentTimer) clearTimeout(documentTimer);
    editor.off('update', schedule);
    doc.off('update', scheduleDocument);
  });
  render();
  renderDocument();
  return { element, destroy: life.end };
}
