import type { Editor } from '@tiptap/core';
import { h } from '../dom';

/** Words of a text as a reader counts them: runs of letters or digits, « l’hôpital » being one. */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:[’'-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}

const formatter = new Intl.NumberFormat('fr-FR');

/** "1 234 mots" under the section's text, kept up to date as anyone types (at most once a frame). */
export function createWordCount(editor: Editor): { element: HTMLElement; destroy(): void } {
  const element = h('p', { class: 'word-count', 'data-words': '0' });
  let pending = 0;
  const render = (): void => {
    pending = 0;
    if (editor.isDestroyed) return;
    const words = countWords(editor.state.doc.textBetween(0, editor.state.doc.content.size, ' ', ' '));
    element.dataset.words = String(words);
    element.textContent = `${formatter.format(words)} mot${words > 1 ? 's' : ''} dans cette section`;
  };
  const schedule = (): void => {
    if (pending === 0) pending = requestAnimationFrame(render);
  };
  editor.on('update', schedule);
  render();
  return {
    element,
    destroy() {
      if (pending) cancelAnimationFrame(pending);
      editor.off('update', schedule);
    },
  };
}
