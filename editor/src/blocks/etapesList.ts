import type * as Y from 'yjs';
import { addEtape } from '../../../schemas/structuredEdits';
import { h } from '../dom';
import type { BlockContext } from './context';
import { mapField, textMapField } from './fieldBinding';
import { textField } from './fields';
import { nextId } from './ids';
import { createRecordList } from './recordList';
import { text } from './records';

/** One étape: its label and its échéance (a date), and its removal. */
function createEtapeRow(ctx: BlockContext, etape: Y.Map<unknown>, onRemove: () => void) {
  const label = textField({ label: 'Libellé', field: textMapField(etape, 'label'), editable: ctx.editable, className: 'etape-label' });
  const echeance = textField({ label: 'Échéance', field: mapField(etape, 'echeance'), editable: ctx.editable, type: 'date', className: 'etape-date' });
  const removeContext = h('span', { class: 'sr-only' });
  const element = h(
    'li',
    { class: 'etape' },
    h(
      'div',
      { class: 'etape-fields' },
      label.element,
      echeance.element,
      ctx.editable ? h('button', { type: 'button', class: 'button button-tertiary button-small', onclick: onRemove }, 'Supprimer', removeContext) : null,
    ),
  );
  return {
    element,
    setNumber(n: number): void {
      label.setContext(`Étape ${n}, `);
      echeance.setContext(`Étape ${n}, `);
      removeContext.textContent = ` l’étape ${n}`;
    },
    refresh(): void {
      label.refresh();
      echeance.refresh();
    },
    destroy(): void {},
  };
}

/** The étapes of a fiche-action, in order, each with its échéance. */
export function createEtapesList(ctx: BlockContext, ficheId: string, etapes: Y.Array<Y.Map<unknown>>) {
  const headingId = nextId('etapes');
  const listElement = h('ol', { class: 'etapes-list' });
  const idOf = (etape: Y.Map<unknown>, index: number): string => text(etape.get('id')) || String(index);
  const indexOf = (id: string): number => etapes.toArray().findIndex((e, i) => idOf(e, i) === id);

  const list = createRecordList(ctx, {
    container: listElement,
    create: (id, focusAdd) =>
      createEtapeRow(ctx, etapes.get(indexOf(id)), () => {
        const index = indexOf(id);
        const named = index >= 0 ? text(etapes.get(index).get('label')).trim() : '';
        if (named && !ctx.confirm(`Supprimer l’étape « ${named} » ?`)) return;
        if (index >= 0) etapes.delete(index, 1);
        focusAdd();
      }),
    emptyText: 'Aucune étape n’est encore prévue.',
    add: { label: 'Ajouter une étape', small: true, focus: 'input', run: () => addEtape(ctx.doc, ficheId, '', '') },
  });

  const element = h(
    'div',
    { class: 'etapes', role: 'group', 'aria-labelledby': headingId },
    h('h5', { id: headingId, class: 'subblock-title' }, 'Étapes et échéances'),
    listElement,
    list.empty,
    list.actions,
  );

  const refresh = (): void => {
    const all = etapes.toArray();
    list.sync(all.map(idOf));
    all.forEach((etape, index) => {
      const view = list.views.get(idOf(etape, index));
      view?.setNumber(index + 1);
      view?.refresh();
    });
  };
  refresh();
  return { element, refresh, destroy: () => list.destroy() };
}
