import { Document, Footer, Header, Packer, PageNumber, Paragraph, TabStopType, TableOfContents, TextRun, type FileChild, type ISectionOptions } from 'docx';
import type { Chapter, DocumentModel } from '../model/types';
import { RichTextWriter } from './richText';
import { structuredBlock } from './structured';
import { chapterNumbering, documentNumbering, documentStyles, grey, styleIds } from './styles';
import { caption, fieldTable, textTable } from './tables';

/** A4 in twentieths of a point, margins as the PDF's (22/18/20/20 mm). */
const page = {
  size: { width: 11906, height: 16838 },
  margin: { top: 1247, right: 1020, bottom: 1134, left: 1134, header: 567, footer: 567 },
};
const rightTab = [{ type: TabStopType.RIGHT, position: 11906 - 1020 - 1134 }];

function cover(model: DocumentModel): FileChild[] {
  const { meta } = model;
  return [
    new Paragraph({ style: styleIds.coverOrg, children: [new TextRun(meta.organisation)] }),
    new Paragraph({ style: styleIds.coverKind, children: [new TextRun(meta.kindLabel)] }),
    new Paragraph({ style: styleIds.coverTitle, children: [new TextRun(meta.title)] }),
    new Paragraph({ style: styleIds.coverPeriod, children: [new TextRun(meta.period ? `Période ${meta.period}` : '')] }),
    fieldTable([
      ['Organisation', meta.organisation],
      ['Document', meta.kindLabel],
      ['Période', meta.period ?? 'non précisée'],
      ['Version', meta.versionLabel],
      ['Statut', meta.status],
      ['Date', meta.date],
      ...(meta.versionHash ? ([['Empreinte SHA-256', meta.versionHash]] as [string, string][]) : []),
    ]),
    new Paragraph({
      spacing: { before: 240 },
      children: [
        new TextRun({ text: `Articles ${meta.legalBasis} du code de la santé publique. Document produit le ${meta.generatedAt}.`, size: 16, color: grey }),
      ],
    }),
  ];
}

function chapter(c: Chapter, writer: RichTextWriter): FileChild[] {
  const level = Math.min(6, c.depth);
  const headingStyle = `Heading${level}`;
  return [
    new Paragraph({ style: headingStyle, numbering: { reference: chapterNumbering, level: level - 1 }, children: [new TextRun(c.title)] }),
    ...(c.legalBasis ? [new Paragraph({ style: styleIds.legal, children: [new TextRun(`Base légale : ${c.legalBasis} (code de la santé publique)`)] })] : []),
    ...(c.notApplicable
      ? [new Paragraph({ children: [new TextRun({ text: 'Sans objet. ', bold: true }), new TextRun(c.notApplicable)] })]
      : c.empty
        ? [new Paragraph({ style: styleIds.placeholder, children: [new TextRun('Partie à rédiger.')] })]
        : []),
    ...writer.blocks(c.body.content),
    ...c.blocks.flatMap((b) => structuredBlock(b, 1)),
    ...c.children.flatMap((child) => chapter(child, writer)),
  ];
}

function timeline(model: DocumentModel): FileChild[] {
  const heading = new Paragraph({ style: 'Heading1', children: [new TextRun('Annexe — Calendrier d’approbation')] });
  if (!model.timeline.length) {
    return [heading, new Paragraph({ style: styleIds.placeholder, children: [new TextRun('Aucun acte n’a encore été enregistré sur ce document.')] })];
  }
  return [
    heading,
    caption('Actes enregistrés sur le document, dans l’ordre des séances'),
    textTable(
      ['Date', 'Instance', 'Acte', 'Résultat', 'Votes', 'Réserves', 'Version'],
      model.timeline.map((t) => [t.date, t.instance, t.act, t.outcome, t.votes, t.reserves, t.versionLabel]),
      [11, 18, 13, 14, 12, 20, 12],
    ),
  ];
}

const small = (text: string) => new TextRun({ text, size: 15, color: grey });

/**
 * The DOCX of a document model: cover (its own section, no header), table of contents field,
 * numbered chapters in heading styles, real tables, running header (title, version) and footer
 * (organisation, page n / total), the approval timeline annex.
 */
export async function renderDocx(model: DocumentModel): Promise<Buffer> {
  const writer = new RichTextWriter();
  const body: ISectionOptions = {
    properties: { page },
    headers: {
      default: new Header({
        children: [new Paragraph({ tabStops: rightTab, children: [small(model.meta.title), small('\t'), small(model.meta.versionLabel)] })],
      }),
    },
    footers: {
      default: new Footer({
        children: [
          new Paragraph({
            tabStops: rightTab,
            children: [
              small(model.meta.organisation),
              small('\tPage '),
              new TextRun({ children: [PageNumber.CURRENT], size: 15, color: grey }),
              small(' / '),
              new TextRun({ children: [PageNumber.TOTAL_PAGES], size: 15, color: grey }),
            ],
          }),
        ],
      }),
    },
    children: [
      new Paragraph({ style: styleIds.tocHeading, children: [new TextRun('Table des matières')] }),
      new TableOfContents('Table des matières', { hyperlink: true, headingStyleRange: '1-2' }),
      ...model.chapters.flatMap((c) => chapter(c, writer)),
      ...timeline(model),
    ],
  };
  const document = new Document({
    title: model.meta.title,
    subject: model.meta.kindLabel,
    creator: model.meta.organisation,
    description: `${model.meta.kindLabel} — ${model.meta.versionLabel} — ${model.meta.status}`,
    styles: documentStyles,
    numbering: documentNumbering,
    // Word refreshes the table of contents (page numbers) when it opens the file.
    features: { updateFields: true },
    sections: [{ properties: { page: { ...page, margin: { ...page.margin, top: 1134 } } }, children: cover(model) }, body],
  });
  return Packer.toBuffer(document);
}
