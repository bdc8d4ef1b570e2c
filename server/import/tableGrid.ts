/**
 * Tables as the editor takes them: one cell per row and column. Word's merged cells (colspan,
 * rowspan) are split, the text staying in the first cell, and counted for the report.
 */
export interface FlattenedTable {
  /** Cells split out of merged ones. */
  merged: number;
  /** Text of every cell, row by row, after the split. */
  grid: string[][];
}

const cellText = (cell: Element): string => (cell.textContent ?? '').replace(/\s+/g, ' ').trim();

const rowsOf = (table: Element): Element[] => Array.from(table.querySelectorAll('tr')).filter((row) => row.closest('table') === table);
const cellsOf = (row: Element): Element[] => Array.from(row.children).filter((c) => c.tagName === 'TD' || c.tagName === 'TH');

/** Splits the merged cells of a table in place and returns its text grid. */
export function flattenTable(table: Element): FlattenedTable {
  const document = table.ownerDocument;
  let merged = 0;
  // Columns still covered by a rowspan from a row above: column index → rows left.
  const pending = new Map<number, number>();
  const grid: string[][] = [];
  for (const row of rowsOf(table)) {
    const cells = cellsOf(row);
    const texts: string[] = [];
    let column = 0;
    const insertEmpty = (before: Element | null, tag: string) => {
      const empty = document.createElement(tag.toLowerCase());
      empty.appendChild(document.createElement('p'));
      row.insertBefore(empty, before);
      texts.push('');
      column++;
      merged++;
    };
    const fillCovered = (before: Element | null) => {
      while ((pending.get(column) ?? 0) > 0) {
        pending.set(column, pending.get(column)! - 1);
        insertEmpty(before, 'td');
      }
    };
    for (const cell of cells) {
      fillCovered(cell);
      const colspan = Math.max(1, Math.min(64, Number(cell.getAttribute('colspan') ?? 1) || 1));
      const rowspan = Math.max(1, Math.min(1000, Number(cell.getAttribute('rowspan') ?? 1) || 1));
      cell.removeAttribute('colspan');
      cell.removeAttribute('rowspan');
      texts.push(cellText(cell));
      if (rowspan > 1) pending.set(column, rowspan - 1);
      column++;
      for (let extra = 1; extra < colspan; extra++) {
        if (rowspan > 1) pending.set(column, rowspan - 1);
        insertEmpty(cell.nextSibling as Element | null, cell.tagName);
      }
    }
    fillCovered(null);
    grid.push(texts);
  }
  return { merged, grid };
}
