import type * as Y from 'yjs';
import { modalities } from '../../../schemas/modalities';
import { matrixKey, type Etablissement } from '../../../schemas/structured';
import { h } from '../dom';
import type { BlockContext } from './context';
import { bindText, textMapField } from './fieldBinding';
import { nextId } from './ids';
import { paths } from './paths';

/** "Filière Cardiologie — a) Permanence des soins — établissement CH de Corbeil". */
export function cellLabel(filiereName: string, modality: (typeof modalities)[number], etablissement: Etablissement): string {
  return `Filière ${filiereName || 'sans nom'} — ${modality.letter}) ${modality.shortLabel} — établissement ${etablissement.name}`;
}

/**
 * The matrix of one filière: the eight modalities (rows) × the project's établissements
 * (columns), one textarea per cell bound to `matrix["<modalityId>|<etablissementId>"]`.
 */
export function createMatrixTable(ctx: BlockContext, filiereId: string, matrix: Y.Map<unknown>, etablissements: Etablissement[], filiereName: () => string) {
  const captionId = nextId('matrice');
  const caption = h('caption', { id: captionId });
  const cells: { textarea: HTMLTextAreaElement; refresh(): void; label(): string }[] = [];

  const rows = modalities.map((modality) =>
    h(
      'tr',
      {},
      h('th', { scope: 'row' }, h('span', { class: 'modality-letter' }, `${modality.letter})`), ' ', modality.label),
      ...etablissements.map((etablissement) => {
        const textarea = h('textarea', {
          rows: 2,
          lang: 'fr',
          'data-path': paths.matrixColumn(ctx.sectionId, filiereId, etablissement.id),
          'data-cell': matrixKey(modality.id, etablissement.id),
        });
        const refresh = bindText(textarea, textMapField(matrix, matrixKey(modality.id, etablissement.id)), ctx.editable);
        cells.push({ textarea, refresh, label: () => cellLabel(filiereName(), modality, etablissement) });
        return h('td', {}, textarea);
      }),
    ),
  );

  const table = h(
    'table',
    { class: 'matrix-table' },
    caption,
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Modalité'), ...etablissements.map((e) => h('th', { scope: 'col' }, e.name)))),
    h('tbody', {}, ...rows),
  );
  // A wide table scrolls inside its frame; the frame takes focus so the keyboard can scroll it.
  const element =
    etablissements.length > 0
      ? h('div', { class: 'table-scroll', role: 'region', 'aria-labelledby': captionId, tabindex: '0' }, table)
      : h(
          'p',
          { class: 'alert alert-info' },
          'Aucun établissement n’est rattaché à ce projet : la matrice des modalités ne peut pas être déclinée. Les établissements viennent de l’organisation (le GHT) choisie à la création du projet.',
        );

  const refresh = (): void => {
    caption.textContent = `Déclinaison de la filière ${filiereName() || 'sans nom'} par modalité et par établissement`;
    for (const cell of cells) {
      cell.refresh();
      const label = cell.label();
      if (cell.textarea.getAttribute('aria-label') !== label) cell.textarea.setAttribute('aria-label', label);
    }
  };
  refresh();
  // Its cells are refreshed by the filière's card: nothing of its own to stop.
  return { element, refresh, destroy() {} };
}
