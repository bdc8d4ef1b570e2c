import { ExternalHyperlink, ImageRun, Paragraph, Table, TableRow, TextRun, WidthType, type FileChild, type ParagraphChild } from 'docx';
import { embeddedImage } from '../model/images';
import type { RichNode } from '../model/types';
import { bulletNumbering, orderedNumbering, styleIds } from './styles';
import { cell } from './tables';

const hasMark = (node: RichNode, type: string): boolean => node.marks?.some((m) => m.type === type) ?? false;

function runs(nodes: RichNode[] | undefined): ParagraphChild[] {
  return (nodes ?? []).flatMap((node): ParagraphChild[] => {
    if (node.type === 'hardBreak') return [new TextRun({ text: '', break: 1 })];
    if (node.type !== 'text' || !node.text) return runs(node.content);
    const link = node.marks?.find((m) => m.type === 'link');
    const run = new TextRun({
      text: node.text,
      bold: hasMark(node, 'bold'),
      italics: hasMark(node, 'italic'),
      underline: hasMark(node, 'underline') ? {} : undefined,
      strike: hasMark(node, 'strike'),
      font: hasMark(node, 'code') ? 'Courier New' : undefined,
      style: link ? 'Hyperlink' : undefined,
    });
    const href = link?.attrs?.href;
    return [typeof href === 'string' ? new ExternalHyperlink({ link: href, children: [run] }) : run];
  });
}

/** The text's width on an A4 page in pixels at 96 dpi (about 16 cm), and a page's height less room for a caption. */
const maxImageWidth = 600;
const maxImageHeight = 850;
const docxImageTypes: Record<string, 'png' | 'jpg' | 'gif'> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif' };

/**
 * An image of the text, embedded (a media part of the DOCX), at its own size within the page.
 * Word files of the docx library take no WebP: such an image is named where it stands.
 */
function imageParagraph(node: RichNode, context: Context): Paragraph {
  const image = embeddedImage(node);
  const type = image ? docxImageTypes[image.contentType] : undefined;
  if (!image || !type) {
    const text = image ? `[Image au format WebP, visible dans le PDF${image.alt ? ` : ${image.alt}` : ''}]` : '[Image non disponible]';
    return new Paragraph({ style: paragraphStyle(context), children: [new TextRun({ text, italics: true })] });
  }
  const scale = Math.min(1, maxImageWidth / image.width, maxImageHeight / image.height);
  return new Paragraph({
    style: paragraphStyle(context),
    keepLines: true,
    children: [
      new ImageRun({
        type,
        data: Buffer.from(image.base64, 'base64'),
        transformation: { width: Math.max(1, Math.round(image.width * scale)), height: Math.max(1, Math.round(image.height * scale)) },
        altText: { name: image.alt || 'Image', description: image.alt, title: image.alt },
      }),
    ],
  });
}

interface Context {
  inTable?: boolean;
  quote?: boolean;
  listLevel?: number;
}

const paragraphStyle = (context: Context): string | undefined => (context.inTable ? styleIds.tableText : context.quote ? styleIds.quote : undefined);

/**
 * Rich text (ProseMirror JSON) → Word paragraphs and tables. One writer per document: it
 * counts numbered lists so that each one starts again at its own start.
 */
export class RichTextWriter {
  private orderedLists = 0;

  blocks(nodes: RichNode[] | undefined, context: Context = {}): FileChild[] {
    return (nodes ?? []).flatMap((node) => this.block(node, context));
  }

  private paragraph(node: RichNode, context: Context): Paragraph {
    return new Paragraph({ style: paragraphStyle(context), children: runs(node.content) });
  }

  private block(node: RichNode, context: Context): FileChild[] {
    switch (node.type) {
      case 'paragraph':
        return [this.paragraph(node, context)];
      case 'heading': {
        const level = typeof node.attrs?.level === 'number' ? node.attrs.level : 2;
        return [new Paragraph({ style: styleIds.intertitre(level - 1), children: runs(node.content) })];
      }
      case 'bulletList':
      case 'orderedList':
        return this.list(node, context);
      case 'blockquote':
        return this.blocks(node.content, { ...context, quote: true });
      case 'table':
        return [this.table(node)];
      case 'codeBlock':
        return ((node.content ?? []).map((t) => t.text ?? '').join('') || ' ')
          .split('\n')
          .map((line) => new Paragraph({ style: styleIds.code, children: [new TextRun(line)] }));
      case 'horizontalRule':
        return [new Paragraph({ border: { bottom: { style: 'single', size: 4, color: 'C8C8D8', space: 1 } } })];
      case 'image':
        return [imageParagraph(node, context)];
      default:
        if (node.content?.some((c) => c.type === 'text')) return [this.paragraph(node, context)];
        return this.blocks(node.content, context);
    }
  }

  private list(node: RichNode, context: Context): FileChild[] {
    const level = Math.min(5, context.listLevel ?? 0);
    const ordered = node.type === 'orderedList';
    const instance = ordered ? ++this.orderedLists : 0;
    return (node.content ?? []).flatMap((item) =>
      (item.content ?? []).flatMap((child, index): FileChild[] => {
        if (child.type === 'bulletList' || child.type === 'orderedList') return this.list(child, { ...context, listLevel: level + 1 });
        if (child.type !== 'paragraph' || index > 0) return this.block(child, context);
        return [
          new Paragraph({
            style: paragraphStyle(context),
            numbering: ordered ? { reference: orderedNumbering, level, instance } : { reference: bulletNumbering, level },
            children: runs(child.content),
          }),
        ];
      }),
    );
  }

  private table(node: RichNode): Table {
    const rows = (node.content ?? []).map((row, rowIndex) => {
      const header = rowIndex === 0 && (row.content ?? []).every((c) => c.type === 'tableHeader');
      return new TableRow({
        tableHeader: header,
        cantSplit: true,
        children: (row.content ?? []).map((c) => {
          const span = (v: unknown) => (typeof v === 'number' && v > 1 && v < 100 ? Math.floor(v) : undefined);
          const children = this.blocks(c.content, { inTable: true }).filter((b): b is Paragraph => b instanceof Paragraph);
          return cell(children, { header: c.type === 'tableHeader', columnSpan: span(c.attrs?.colspan), rowSpan: span(c.attrs?.rowspan) });
        }),
      });
    });
    return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows });
  }
}
