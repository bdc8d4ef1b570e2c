import type * as Y from 'yjs';
import { h } from '../dom';
import { bindText, mapField, textMapField } from './fieldBinding';
import { indicatorColumns } from './indicatorColumns';

/** One row of an indicator table: a labelled control per column, bound to the row's Y.Map. */
export function createIndicatorRow(row: Y.Map<unknown>, options: { path: string; editable: boolean; onRemove: (number: number) => void }) {
  let number = 0;
  const controls = indicatorColumns.map((column) => {
    const control = column.multiline
      ? h('textarea', { rows: 2, lang: 'fr', 'data-path': options.path, 'data-field': column.field })
      : h('input', { type: column.type, 'data-path': options.path, 'data-field': column.field });
    const refresh = bindText(control, column.type === 'date' ? mapField(row, column.field) : textMapField(row, column.field), options.editable);
    return { column, control, refresh };
  });
  const removeLabel = h('span', {}, 'Supprimer');
  const removeContext = h('span', { class: 'sr-only' });
  const element = h(
    'tr',
    {},
    ...controls.map(({ control }) => h('td', {}, control)),
    options.editable
      ? h(
          'td',
          {},
          h('button', { type: 'button', class: 'button button-tertiary button-small', onclick: () => options.onRemove(number) }, removeLabel, removeContext),
        )
      : null,
  );
  return {
    element,
    /** The row's number changes when rows above it are removed: labels say which row is which. */
    setNumber(next: number): void {
      if (next === number) return;
      number = next;
      for (const { column, control } of controls) control.setAttribute('aria-label', `${column.label}, indicateur ${number}`);
      removeContext.textContent = ` l’indicateur ${number}`;
    },
    refresh(): void {
      for (const c of controls) c.refresh();
    },
    destroy(): void {},
  };
}
