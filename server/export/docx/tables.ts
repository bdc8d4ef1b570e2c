import { BorderStyle, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType, type FileChild } from 'docx';
import { styleIds, tint } from './styles';

const border = { style: BorderStyle.SINGLE, size: 4, color: 'B5B5C5' };
export const cellBorders = { top: border, bottom: border, left: border, right: border };
const cellMargins = { top: 60, bottom: 60, left: 90, right: 90 };

/** A paragraph in the table text style, one per line of a plain-text field. */
export function cellParagraphs(text: string, options: { bold?: boolean } = {}): Paragraph[] {
  const lines = text.split('\n');
  return lines.map((line) => new Paragraph({ style: styleIds.tableText, children: [new TextRun({ text: line, bold: options.bold })] }));
}

export function cell(
  children: Paragraph[] | FileChild[],
  options: { header?: boolean; widthPct?: number; columnSpan?: number; rowSpan?: number } = {},
): TableCell {
  return new TableCell({
    children: children.length ? (children as Paragraph[]) : [new Paragraph({ style: styleIds.tableText })],
    borders: cellBorders,
    margins: cellMargins,
    columnSpan: options.columnSpan,
    rowSpan: options.rowSpan,
    width: options.widthPct ? { size: options.widthPct, type: WidthType.PERCENTAGE } : undefined,
    shading: options.header ? { type: ShadingType.CLEAR, color: 'auto', fill: tint } : undefined,
  });
}

/**
 * A table of plain texts: the header row repeats on every page and rows do not split, as in
 * the PDF. `widths` are percentages of the text width.
 */
export function textTable(header: string[], rows: string[][], widths?: number[], options: { rowHeaders?: boolean } = {}): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: header.map((h, i) => cell(cellParagraphs(h, { bold: true }), { header: true, widthPct: widths?.[i] })),
      }),
      ...rows.map(
        (row) =>
          new TableRow({
            cantSplit: true,
            children: row.map((value, i) =>
              cell(cellParagraphs(value || '—', { bold: options.rowHeaders && i === 0 }), { header: options.rowHeaders && i === 0, widthPct: widths?.[i] }),
            ),
          }),
      ),
    ],
  });
}

/** A two-column table of labelled fields (fiche-action, cover facts). */
export function fieldTable(fields: [string, string][], labelWidth = 32): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: fields.map(
      ([label, value]) =>
        new TableRow({
          cantSplit: true,
          children: [
            cell(cellParagraphs(label, { bold: true }), { header: true, widthPct: labelWidth }),
            cell(cellParagraphs(value || '—'), { widthPct: 100 - labelWidth }),
          ],
        }),
    ),
  });
}

export const caption = (text: string): Paragraph => new Paragraph({ style: styleIds.caption, children: [new TextRun(text)] });
