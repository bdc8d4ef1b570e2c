import * as Y from 'yjs';
import { indicatorRows, indicatorTablesMap } from '../../../schemas/structured';
import { addIndicator, removeIndicator } from '../../../schemas/structuredEdits';
import { h } from '../dom';
import type { BlockContext } from './context';
import { nextId } from './ids';
import { indicatorColumns } from './indicatorColumns';
import { createIndicatorRow } from './indicatorRow';
import { paths } from './paths';
import { createRecordList } from './recordList';
import { text } from './records';

/**
 * The indicator table of an owner (a section with the `indicators` block, or a fiche-action):
 * a real table, one row per indicator, rows added and removed by anyone who may write.
 */
export function createIndicatorTable(ctx: BlockContext, options: { ownerId: string; path: string; caption: string }) {
  const { ownerId, path } = options;
  const headingId = nextId('indicateurs');
  const body = h('tbody');
  let rows: Y.Array<Y.Map<unknown>> | undefined;

  const rowIdOf = (row: Y.Map<unknown>, index: number): string => text(row.get('id')) || String(index);
  const rowById = (id: string): Y.Map<unknown> | undefined => rows?.toArray().find((row, index) => rowIdOf(row, index) === id);

  const remove = (rowId: string, number: number): void => {
    const row = rowById(rowId);
    const filled = row ? indicatorColumns.some((c) => text(row.get(c.field)).trim() !== '') : false;
    if (filled && !ctx.confirm(`Supprimer l’indicateur ${number}${row && text(row.get('indicateur')) ? ` « ${text(row.get('indicateur'))} »` : ''} ?`)) return;
    if (row) {
      const index = rows!.toArray().indexOf(row);
      if (text(row.get('id'))) removeIndicator(ctx.doc, ownerId, rowId);
      else if (index >= 0) rows!.delete(index, 1);
    }
    list.addButton?.focus();
  };

  const list = createRecordList(ctx, {
    container: body,
    create: (rowId) =>
      createIndicatorRow(rowById(rowId)!, {
        path: paths.indicatorRow(path, rowId),
        editable: ctx.editable,
        onRemove: (number) => remove(rowId, number),
      }),
    emptyText: 'Aucun indicateur n’est encore défini.',
    add: { label: 'Ajouter un indicateur', focus: 'input, textarea', run: () => (rows ? addIndicator(ctx.doc, ownerId) : null) },
    announce: { added: 'Un indicateur a été ajouté par un autre rédacteur.', removed: 'Un indicateur a été supprimé par un autre rédacteur.' },
  });
  const table = h(
    'table',
    { class: 'indicator-table' },
    h('caption', { id: headingId }, options.caption),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ...indicatorColumns.map((c) => h('th', { scope: 'col' }, c.label)),
        ctx.editable ? h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, 'Actions')) : null,
      ),
    ),
    body,
  );
  const frame = h('div', { class: 'table-scroll', role: 'region', 'aria-labelledby': headingId, tabindex: '0' }, table);
  const missing = h('p', { class: 'alert alert-info', hidden: true }, 'Le tableau d’indicateurs de cette partie n’existe pas dans le document.');

  const reconcile = (): void => {
    const all = rows?.toArray() ?? [];
    list.sync(all.map(rowIdOf));
    all.forEach((row, index) => list.views.get(rowIdOf(row, index))?.setNumber(index + 1));
    frame.hidden = all.length === 0;
    list.empty.hidden = all.length > 0 || !rows;
    missing.hidden = rows !== undefined;
    if (list.addButton) list.addButton.disabled = !rows;
  };
  const onRows = (events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction): void => {
    list.track(transaction, reconcile);
    for (const event of events) {
      const index = event.path[0];
      const row = typeof index === 'number' ? rows?.get(index) : undefined;
      if (row) list.views.get(rowIdOf(row, index as number))?.refresh();
    }
  };
  // The table is created with its owner, but may arrive later than the owner from the network.
  const attach = (): void => {
    const next = indicatorRows(ctx.doc, ownerId);
    if (next === rows) return;
    rows?.unobserveDeep(onRows);
    list.sync([]);
    rows = next instanceof Y.Array ? next : undefined;
    rows?.observeDeep(onRows);
    reconcile();
  };
  const onTables = (event: Y.YMapEvent<Y.Array<Y.Map<unknown>>>): void => {
    if (event.keysChanged.has(ownerId)) attach();
  };
  indicatorTablesMap(ctx.doc).observe(onTables);
  attach();

  const element = h('div', { class: 'indicator-block', 'data-path': path, tabindex: '-1' }, frame, list.empty, missing, list.actions);
  return {
    element,
    destroy(): void {
      indicatorTablesMap(ctx.doc).unobserve(onTables);
      rows?.unobserveDeep(onRows);
      list.destroy();
    },
  };
}
