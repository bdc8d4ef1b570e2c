import type * as Y from 'yjs';
import { etablissementsOf, fichesActionsMap, filieresMap } from '../../../schemas/structured';
import { addFicheAction } from '../../../schemas/structuredEdits';
import { h } from '../dom';
import type { BlockContext } from './context';
import { createFicheActionCard, type Option } from './ficheActionCard';
import { nextId } from './ids';
import { createKeyedList } from './keyedList';
import { paths } from './paths';
import { sectionRecords, text } from './records';

/** The filières of the whole document, for the fiche-action's "Filière" choice. */
function filiereOptions(doc: Y.Doc): Option[] {
  const all: { id: string; name: string }[] = [];
  filieresMap(doc).forEach((record, id) => all.push({ id, name: text(record.get('name')).trim() || 'filière sans nom' }));
  all.sort((a, b) => a.name.localeCompare(b.name, 'fr') || a.id.localeCompare(b.id));
  return [{ value: '', label: '— aucune —' }, ...all.map((f) => ({ value: f.id, label: f.name }))];
}

/** The fiches-actions of a section; a change refreshes only the fiche it touches. */
export function createFichesActionsBlock(ctx: BlockContext) {
  const root = fichesActionsMap(ctx.doc);
  const headingId = nextId('fiches');
  const listElement = h('div', { class: 'record-list' });
  const empty = h('p', { class: 'empty' }, 'Aucune fiche-action n’est encore rédigée.');
  let addButton: HTMLButtonElement | null = null;
  let filieres = filiereOptions(ctx.doc);

  const list = createKeyedList(listElement, (id) =>
    createFicheActionCard(ctx, id, root.get(id)!, {
      filiereOptions: filieres,
      etablissements: etablissementsOf(ctx.doc),
      onRemoved: () => addButton?.focus(),
    }),
  );
  const reconcile = (): void => {
    const records = sectionRecords(root, ctx.sectionId);
    list.sync(records.map((r) => r.id));
    empty.hidden = records.length > 0;
  };

  if (ctx.editable) {
    addButton = h(
      'button',
      {
        type: 'button',
        class: 'button',
        onclick: () => {
          const id = addFicheAction(ctx.doc, ctx.sectionId, { title: '' });
          list.views.get(id)?.element.querySelector<HTMLInputElement>('input')?.focus();
        },
      },
      'Ajouter une fiche-action',
    );
  }

  const element = h(
    'section',
    { class: 'block block-fiches', 'aria-labelledby': headingId, 'data-path': paths.fiches(ctx.sectionId), tabindex: '-1' },
    h('h3', { id: headingId, class: 'block-title' }, 'Fiches-actions'),
    h('p', { class: 'block-hint' }, 'Chaque fiche-action porte ses pilotes, ses étapes datées et ses indicateurs (valeur d’origine et valeur cible, avec leurs dates).'),
    listElement,
    empty,
    addButton ? h('p', { class: 'block-actions' }, addButton) : null,
  );

  const onFiches = (events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction): void => {
    const before = list.views.size;
    reconcile();
    const touched = new Set(events.map((e) => e.path[0]).filter((id): id is string => typeof id === 'string'));
    for (const id of touched) list.views.get(id)?.refresh();
    if (!transaction.local && list.views.size !== before) {
      ctx.announce(list.views.size > before ? 'Une fiche-action a été ajoutée par un autre rédacteur.' : 'Une fiche-action a été supprimée par un autre rédacteur.');
    }
  };
  const onFilieres = (): void => {
    const next = filiereOptions(ctx.doc);
    if (JSON.stringify(next) === JSON.stringify(filieres)) return;
    filieres = next;
    for (const card of list.views.values()) card.setFiliereOptions(next);
  };
  root.observeDeep(onFiches);
  filieresMap(ctx.doc).observeDeep(onFilieres);
  reconcile();

  return {
    element,
    destroy(): void {
      root.unobserveDeep(onFiches);
      filieresMap(ctx.doc).unobserveDeep(onFilieres);
      list.destroy();
    },
  };
}
