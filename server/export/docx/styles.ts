import { AlignmentType, LevelFormat, LevelSuffix, LineRuleType, type INumberingOptions, type IStylesOptions } from 'docx';

/**
 * Word styles of the export. Chapters use the built-in heading styles (ids Heading1…Heading6),
 * which French Word and LibreOffice show as « Titre 1 », « Titre 2 »…, so the table of
 * contents, the navigation pane and accessibility checkers recognise them. Sub-headings inside
 * a chapter's text use « Intertitre » styles: shown in the navigation pane (outline level) but
 * not numbered and not in the table of contents, as in the PDF.
 */
export const blue = '000091';
export const grey = '666666';
export const font = 'Arial';
export const tint = 'F2F2F9';

const headingSizes = [34, 27, 23, 21, 21, 21];
const heading = (level: number) => ({
  run: { font, size: headingSizes[level - 1], bold: true, color: blue },
  paragraph: {
    spacing: { before: level === 1 ? 0 : 280, after: 120 },
    keepNext: true,
    keepLines: true,
    outlineLevel: level - 1,
    ...(level === 1 ? { pageBreakBefore: true } : {}),
  },
});

export const styleIds = {
  intertitre: (level: number) => `Intertitre${Math.min(3, Math.max(1, level))}`,
  legal: 'BaseLegale',
  placeholder: 'ARediger',
  tocHeading: 'TOCHeading',
  tableText: 'TexteTableau',
  coverOrg: 'GardeOrganisation',
  coverKind: 'GardeNature',
  coverTitle: 'GardeTitre',
  coverPeriod: 'GardePeriode',
  caption: 'LegendeTableau',
  quote: 'Citation',
  code: 'Code',
} as const;

export const documentStyles: IStylesOptions = {
  default: {
    document: {
      run: { font, size: 20, language: { value: 'fr-FR' } },
      // lineRule written out: LibreOffice reads a bare `line` as an exact height.
      paragraph: { spacing: { after: 120, line: 276, lineRule: LineRuleType.AUTO } },
    },
    heading1: heading(1),
    heading2: heading(2),
    heading3: heading(3),
    heading4: heading(4),
    heading5: heading(5),
    heading6: heading(6),
    listParagraph: { paragraph: { spacing: { after: 60 } } },
  },
  paragraphStyles: [
    ...[1, 2, 3].map((level) => ({
      id: styleIds.intertitre(level),
      name: `Intertitre ${level}`,
      basedOn: 'Normal',
      next: 'Normal',
      quickFormat: true,
      run: { font, size: [23, 21, 20][level - 1], bold: true, color: blue },
      paragraph: { spacing: { before: 200, after: 80 }, keepNext: true, keepLines: true, outlineLevel: Math.min(8, level + 2) },
    })),
    { id: styleIds.legal, name: 'Base légale', basedOn: 'Normal', next: 'Normal', run: { size: 17, color: grey } },
    { id: styleIds.placeholder, name: 'À rédiger', basedOn: 'Normal', next: 'Normal', run: { italics: true, color: grey } },
    {
      id: styleIds.tocHeading,
      name: 'TOC Heading',
      basedOn: 'Normal',
      next: 'Normal',
      run: { font, size: 32, bold: true, color: blue },
      paragraph: { spacing: { after: 240 } },
    },
    {
      id: styleIds.tableText,
      name: 'Texte de tableau',
      basedOn: 'Normal',
      next: 'Normal',
      run: { size: 17 },
      paragraph: { spacing: { after: 40, line: 240 } },
    },
    {
      id: styleIds.caption,
      name: 'Légende de tableau',
      basedOn: 'Normal',
      next: 'Normal',
      run: { size: 18, bold: true, color: '333333' },
      paragraph: { spacing: { before: 120, after: 60 }, keepNext: true },
    },
    {
      id: styleIds.coverOrg,
      name: 'Garde — organisation',
      basedOn: 'Normal',
      run: { size: 22, bold: true, allCaps: true, color: blue },
      paragraph: { spacing: { after: 1800 }, border: { bottom: { style: 'single', size: 12, color: blue, space: 4 } } },
    },
    { id: styleIds.coverKind, name: 'Garde — nature', basedOn: 'Normal', run: { size: 30, color: blue }, paragraph: { spacing: { after: 120 } } },
    { id: styleIds.coverTitle, name: 'Garde — titre', basedOn: 'Normal', run: { size: 52, bold: true }, paragraph: { spacing: { after: 160 } } },
    { id: styleIds.coverPeriod, name: 'Garde — période', basedOn: 'Normal', run: { size: 28, color: grey }, paragraph: { spacing: { after: 2400 } } },
    {
      id: styleIds.quote,
      name: 'Citation',
      basedOn: 'Normal',
      next: 'Normal',
      run: { color: '333333' },
      paragraph: { indent: { left: 340 }, border: { left: { style: 'single', size: 12, color: 'C8C8D8', space: 8 } } },
    },
    { id: styleIds.code, name: 'Code', basedOn: 'Normal', next: 'Normal', run: { font: 'Courier New', size: 17 }, paragraph: { spacing: { after: 0 } } },
  ],
};

/** Chapter numbers (1, 1.1, 1.1.1…) as Word numbering, so the numbers are real, not typed. */
export const chapterNumbering = 'chapitres';
export const bulletNumbering = 'puces';
export const orderedNumbering = 'liste-numerotee';

const levels = [0, 1, 2, 3, 4, 5];
export const documentNumbering: INumberingOptions = {
  config: [
    {
      reference: chapterNumbering,
      levels: levels.map((level) => ({
        level,
        format: LevelFormat.DECIMAL,
        text: levels
          .slice(0, level + 1)
          .map((l) => `%${l + 1}`)
          .join('.'),
        alignment: AlignmentType.LEFT,
        suffix: LevelSuffix.SPACE,
        style: { paragraph: { indent: { left: 0, hanging: 0 } } },
      })),
    },
    {
      reference: bulletNumbering,
      levels: levels.map((level) => ({
        level,
        format: LevelFormat.BULLET,
        text: ['•', '–', '▪', '•', '–', '▪'][level]!,
        alignment: AlignmentType.LEFT,
        style: { paragraph: { indent: { left: 360 * (level + 1), hanging: 260 } } },
      })),
    },
    {
      reference: orderedNumbering,
      levels: levels.map((level) => ({
        level,
        format: [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN][level % 3]!,
        text: `%${level + 1}.`,
        alignment: AlignmentType.LEFT,
        style: { paragraph: { indent: { left: 360 * (level + 1), hanging: 300 } } },
      })),
    },
  ],
};
