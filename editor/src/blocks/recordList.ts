import type * as Y from 'yjs';
import { h } from '../dom';
import type { BlockContext } from './context';
import { createKeyedList, type RecordView } from './keyedList';

/** What a list of records (fiches, filières, indicator rows, étapes) is made of. */
export interface RecordListOptions<V extends RecordView> {
  /** Where the record views go: a div, an ol or a tbody. */
  container: HTMLElement;
  /** The view of one record; `focusAdd` puts focus back on the add button (after a removal). */
  create(id: string, focusAdd: () => void): V;
  emptyText: string;
  /** The writers' add button: `run` adds a record and returns its id, whose `focus` control gets focus. */
  add: { label: string; small?: boolean; focus: string; run(): string | null };
  /** What screen-reader users hear when another writer adds or removes a record. */
  announce?: { added: string; removed: string };
}

/**
 * The part every record-list block shares: the keyed views, the empty message, the add button
 * (focusing the new record) and the announcement of other writers' additions and removals.
 */
export function createRecordList<V extends RecordView>(ctx: BlockContext, options: RecordListOptions<V>) {
  let addButton: HTMLButtonElement | null = null;
  const list = createKeyedList(options.container, (id) => options.create(id, () => addButton?.focus()));
  const empty = h('p', { class: 'empty' }, options.emptyText);
  if (ctx.editable) {
    const { add } = options;
    addButton = h(
      'button',
      {
        type: 'button',
        class: add.small ? 'button button-small' : 'button',
        onclick: () => {
          const id = add.run();
          // The observer has already built the view (local transactions are synchronous).
          if (id) list.views.get(id)?.element.querySelector<HTMLElement>(add.focus)?.focus();
        },
      },
      add.label,
    );
  }
  return {
    container: options.container,
    views: list.views,
    empty,
    addButton,
    actions: addButton ? h('p', { class: 'block-actions' }, addButton) : null,
    /** Puts the views in this order and shows the empty message when there are none. */
    sync(ids: string[]): void {
      list.sync(ids);
      empty.hidden = ids.length > 0;
    },
    /** Applies a document change, then tells about records another writer added or removed. */
    track(transaction: Y.Transaction, apply: () => void): void {
      const before = new Set(list.views.keys());
      apply();
      if (transaction.local || !options.announce) return;
      const after = new Set(list.views.keys());
      if ([...after].some((id) => !before.has(id))) ctx.announce(options.announce.added);
      if ([...before].some((id) => !after.has(id))) ctx.announce(options.announce.removed);
    },
    destroy: () => list.destroy(),
  };
}
