import type * as Y from 'yjs';
import { etablissementsOf, filieresMap } from '../../../schemas/structured';
import { addFiliere } from '../../../schemas/structuredEdits';
import { h } from '../dom';
import type { BlockContext } from './context';
import { createFiliereCard } from './filiereCard';
import { nextId } from './ids';
import { createKeyedList } from './keyedList';
import { paths } from './paths';
import { sectionRecords } from './records';

/**
 * The filières of a section (PMP R6132-3 I 4°), each with its matrix of modalities ×
 * établissements. Only the filière a change touches is refreshed; the others are left alone.
 */
export function createFilieresBlock(ctx: BlockContext) {
  const root = filieresMap(ctx.doc);
  const meta = ctx.doc.getMap<unknown>('meta');
  const headingId = nextId('filieres');
  const listElement = h('div', { class: 'record-list' });
  const empty = h('p', { class: 'empty' }, 'Aucune filière n’est encore déclarée.');
  let etablissements = etablissementsOf(ctx.doc);
  let etablissementsKey = JSON.stringify(etablissements);
  let addButton: HTMLButtonElement | null = null;

  const list = createKeyedList(listElement, (id) =>
    createFiliereCard(ctx, id, root.get(id)!, etablissements, () => addButton?.focus()),
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
          const id = addFiliere(ctx.doc, ctx.sectionId, '');
          // The observer has already built the card (local transactions are synchronous).
          list.views.get(id)?.element.querySelector<HTMLInputElement>('input')?.focus();
        },
      },
      'Ajouter une filière',
    );
  }

  const element = h(
    'section',
    { class: 'block block-filieres', 'aria-labelledby': headingId, 'data-path': paths.filieres(ctx.sectionId), tabindex: '-1' },
    h('h3', { id: headingId, class: 'block-title' }, 'Filières'),
    h(
      'p',
      { class: 'block-hint' },
      'Pour chaque filière, décrivez l’organisation des activités de chaque établissement pour les huit modalités (a à h) ; une modalité sans objet se signale comme telle.',
    ),
    listElement,
    empty,
    addButton ? h('p', { class: 'block-actions' }, addButton) : null,
  );

  const onChange = (events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction): void => {
    const before = new Set(list.views.keys());
    reconcile();
    for (const event of events) {
      const id = event.path[0];
      if (typeof id === 'string') list.views.get(id)?.refresh();
    }
    if (!transaction.local) {
      const after = new Set(list.views.keys());
      if ([...after].some((id) => !before.has(id))) ctx.announce('Une filière a été ajoutée par un autre rédacteur.');
      if ([...before].some((id) => !after.has(id))) ctx.announce('Une filière a été supprimée par un autre rédacteur.');
    }
  };
  const onMeta = (): void => {
    const next = etablissementsOf(ctx.doc);
    const key = JSON.stringify(next);
    if (key === etablissementsKey) return;
    etablissements = next;
    etablissementsKey = key;
    for (const card of list.views.values()) card.setEtablissements(next);
  };
  root.observeDeep(onChange);
  meta.observe(onMeta);
  reconcile();

  return {
    element,
    destroy(): void {
      root.unobserveDeep(onChange);
      meta.unobserve(onMeta);
      list.destroy();
    },
  };
}
