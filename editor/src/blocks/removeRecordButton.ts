import { removeRecord } from '../../../schemas/structuredEdits';
import { h } from '../dom';
import type { BlockContext } from './context';

/**
 * A card's removal button (writers only): asks first, removes the record for every writer, then
 * `onRemoved` moves focus. `context` is the hidden name read after the label by screen readers.
 */
export function removeRecordButton(
  ctx: BlockContext,
  options: { root: 'fichesActions' | 'filieres'; id: string; label: string; question: () => string; onRemoved: () => void },
) {
  const context = h('span', { class: 'sr-only' });
  const button = ctx.editable
    ? h(
        'button',
        {
          type: 'button',
          class: 'button button-tertiary button-danger',
          onclick: () => {
            if (!ctx.confirm(options.question())) return;
            removeRecord(ctx.doc, options.root, options.id);
            options.onRemoved();
          },
        },
        options.label,
        context,
      )
    : null;
  return { context, actions: button ? h('p', { class: 'record-actions' }, button) : null };
}
