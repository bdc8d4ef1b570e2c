import type { CoherenceView } from '../../schemas/api/coherence';
import { modalityShortNames } from '../../schemas/modalities';
import { formatDateFr } from './parisTime';

/** A field for French spreadsheets (separator `;`): quoted when it holds a separator, a quote or a line break. */
const field = (value: string): string => (/[;"\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

const pmStatusWords = { adopte: 'adopté', non_adopte: 'non adopté', absent: 'aucun projet médical' } as const;

/**
 * The cohérence view as CSV (UTF-8 with BOM, `;`, CRLF: what Excel opens as French text):
 * one line per filière and établissement.
 */
export function coherenceCsv(view: CoherenceView): string {
  const header = [
    'Filière',
    'Établissement',
    'Projet médical',
    'Statut du projet médical',
    'Adoption du projet médical',
    'Adoption du PMP',
    'Concerné par la matrice',
    'Filière couverte',
    'Modalités attribuées',
    'Modalités non mentionnées',
  ];
  const lines = [header];
  for (const filiere of view.filieres) {
    for (const cell of filiere.etablissements) {
      const etablissement = view.etablissements.find((e) => e.id === cell.id);
      lines.push([
        filiere.name,
        cell.name,
        etablissement?.pmTitle ?? '',
        pmStatusWords[cell.pmStatus],
        cell.pmAdoptedOn ? formatDateFr(cell.pmAdoptedOn) : '',
        formatDateFr(view.pmpAdoptedOn),
        cell.concerned ? 'oui' : 'non',
        cell.covered ? 'oui' : 'non',
        modalityShortNames(cell.assignedModalities),
        modalityShortNames(cell.missingModalities),
      ]);
    }
  }
  return `\uFEFF${lines.map((line) => line.map(field).join(';')).join('\r\n')}\r\n`;
}
