import * as Y from 'yjs';
import type { Etablissement } from '../../../schemas/structured';
import { h } from '../dom';
import type { BlockContext } from './context';
import { textMapField } from './fieldBinding';
import { textField } from './fields';
import { nextId } from './ids';
import type { RecordView } from './keyedList';
import { createMatrixTable } from './matrixTable';
import { paths } from './paths';
import { removeRecordButton } from './removeRecordButton';
import { text } from './records';

/** One filière: its name, description and matrix, and (for writers) its removal. */
export function createFiliereCard(
  ctx: BlockContext,
  filiereId: string,
  record: Y.Map<unknown>,
  etablissements: Etablissement[],
  onRemoved: () => void,
): RecordView & { setEtablissements(list: Etablissement[]): void } {
  const headingId = nextId('filiere');
  const name = () => text(record.get('name')).trim();
  const heading = h('h4', { id: headingId, class: 'record-title' });
  const nameField = textField({
    label: 'Nom de la filière',
    field: textMapField(record, 'name'),
    editable: ctx.editable,
    path: paths.filiereName(ctx.sectionId, filiereId),
  });
  const descriptionField = textField({
    label: 'Principes d’organisation de la filière',
    field: textMapField(record, 'description'),
    editable: ctx.editable,
    multiline: true,
  });
  const matrixMap = record.get('matrix');
  const matrixSlot = h('div', { class: 'matrix-slot' });
  let matrix: RecordView | null = null;
  const mountMatrix = (list: Etablissement[]): void => {
    matrix?.destroy();
    matrix = matrixMap instanceof Y.Map ? createMatrixTable(ctx, filiereId, matrixMap as Y.Map<unknown>, list, name) : null;
    matrixSlot.replaceChildren(matrix?.element ?? h('p', { class: 'alert alert-error' }, 'La matrice de cette filière est illisible.'));
  };
  mountMatrix(etablissements);

  const removal = removeRecordButton(ctx, {
    root: 'filieres',
    id: filiereId,
    label: 'Supprimer la filière',
    question: () => `Supprimer la filière « ${name() || 'sans nom'} » et toute sa matrice ? Cette suppression s’applique pour tous les rédacteurs.`,
    onRemoved,
  });

  const element = h(
    'article',
    {
      class: 'record-card filiere-card',
      'aria-labelledby': headingId,
      'data-path': paths.filiere(ctx.sectionId, filiereId),
      'data-record-id': filiereId,
      tabindex: '-1',
    },
    heading,
    h('div', { class: 'record-fields' }, nameField.element, descriptionField.element),
    matrixSlot,
    removal.actions,
  );

  const refresh = (): void => {
    heading.textContent = `Filière : ${name() || 'sans nom'}`;
    removal.context.textContent = ` « ${name() || 'sans nom'} »`;
    nameField.refresh();
    descriptionField.refresh();
    matrix?.refresh();
  };
  refresh();
  return {
    element,
    refresh,
    setEtablissements(list) {
      mountMatrix(list);
      matrix?.refresh();
    },
    destroy() {
      matrix?.destroy();
    },
  };
}
