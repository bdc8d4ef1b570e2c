import { Paragraph, TextRun, type FileChild } from 'docx';
import type { IndicatorRowModel, ObjectiveNode, StructuredBlock } from '../model/types';
import { blue, styleIds } from './styles';
import { caption, fieldTable, textTable } from './tables';

function indicatorTable(rows: IndicatorRowModel[]): FileChild[] {
  const showSource = rows.some((r) => r.source);
  const showPeriodicite = rows.some((r) => r.periodicite);
  const header = ['Indicateur', 'Méthode de construction', 'Valeur d’origine (date)', 'Valeur cible (date)'];
  if (showSource) header.push('Source');
  if (showPeriodicite) header.push('Périodicité');
  const body = rows.map((r) => [r.indicateur, r.methode, r.origine, r.cible, ...(showSource ? [r.source] : []), ...(showPeriodicite ? [r.periodicite] : [])]);
  return [caption('Indicateurs de suivi'), textTable(header, body)];
}

function objectives(nodes: ObjectiveNode[], depth = 0): Paragraph[] {
  return nodes.flatMap((node) => [
    new Paragraph({
      indent: { left: 360 * depth },
      spacing: { after: 60 },
      children: [new TextRun({ text: `${node.levelLabel} ${node.number} — `, bold: true, color: blue }), new TextRun(node.label)],
    }),
    ...objectives(node.children, depth + 1),
  ]);
}

/** The structured blocks of a chapter, laid out like the PDF's (same captions and columns). */
export function structuredBlock(block: StructuredBlock, subLevel: number): FileChild[] {
  const intertitre = (text: string) => new Paragraph({ style: styleIds.intertitre(subLevel), children: [new TextRun(text)] });
  switch (block.kind) {
    case 'objectifs':
      return objectives(block.nodes);
    case 'filieres':
      return block.filieres.flatMap((f) => [
        intertitre(`Filière : ${f.name}`),
        ...(f.description ? f.description.split('\n').map((line) => new Paragraph(line)) : []),
        caption('Déclinaison de la filière par établissement, pour chaque modalité (R6132-3 I 4°)'),
        textTable(
          ['Modalité', ...block.etablissements],
          f.matrix.map((row) => [`${row.letter}) ${row.modality}`, ...row.cells]),
          [28, ...block.etablissements.map(() => 72 / Math.max(1, block.etablissements.length))],
          { rowHeaders: true },
        ),
      ]);
    case 'fichesActions':
      return block.fiches.flatMap((fiche) => [
        intertitre(`${fiche.number} — ${fiche.title}`),
        fieldTable([
          ['Filière', fiche.filiere],
          ['Objectif', fiche.objectif],
          ['Modalité', fiche.modality],
          ['Établissements concernés', fiche.etablissements.join(', ')],
          ['Pilote médical', fiche.piloteMedical],
          ['Pilote soignant', fiche.piloteSoignant],
          ['Directeur référent', fiche.directeurReferent],
        ]),
        ...(fiche.etapes.length
          ? [
              caption('Étapes'),
              textTable(
                ['Étape', 'Échéance'],
                fiche.etapes.map((e) => [e.label, e.echeance]),
                [75, 25],
              ),
            ]
          : []),
        ...(fiche.indicators.length ? indicatorTable(fiche.indicators) : []),
      ]);
    case 'indicators':
      return indicatorTable(block.rows);
  }
}
