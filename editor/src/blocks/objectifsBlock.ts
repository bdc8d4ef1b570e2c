import type * as Y from 'yjs';
import { objectifsMap, objectiveLevels, type ObjectiveLevel } from '../../../schemas/structured';
import { addObjectif, removeRecord } from '../../../schemas/structuredEdits';
import { h } from '../dom';
import type { BlockContext } from './context';
import { nextId } from './ids';
import { placeInOrder } from './keyedList';
import { createObjectiveNode, levelLabel } from './objectiveNode';
import { paths } from './paths';
import { childLevel, descendantIds, objectiveTree, sectionRecords, text, type ObjectiveNode } from './records';

type NodeView = ReturnType<typeof createObjectiveNode>;

const asLevel = (value: unknown): ObjectiveLevel => (objectiveLevels.includes(value as ObjectiveLevel) ? (value as ObjectiveLevel) : 'axe');

/**
 * Axes → objectifs stratégiques → objectifs opérationnels, as nested ordered lists. Nodes are
 * kept across changes (renaming one never rebuilds another); only misplaced ones move.
 */
export function createObjectifsBlock(ctx: BlockContext) {
  const root = objectifsMap(ctx.doc);
  const headingId = nextId('objectifs');
  const rootList = h('ol', { class: 'objectives' });
  const empty = h('p', { class: 'empty' }, 'Aucun axe n’est encore défini.');
  const views = new Map<string, NodeView>();
  let addButton: HTMLButtonElement | null = null;

  const records = () =>
    sectionRecords(root, ctx.sectionId).map(({ id, map }) => ({
      id,
      map,
      level: asLevel(map.get('level')),
      parentId: typeof map.get('parentId') === 'string' ? (map.get('parentId') as string) : null,
    }));

  const add = (level: ObjectiveLevel, parentId: string | null): void => {
    const id = addObjectif(ctx.doc, ctx.sectionId, level, '', parentId);
    views.get(id)?.focus();
  };
  const remove = (id: string): void => {
    const all = records();
    const under = descendantIds(all, id);
    const record = all.find((r) => r.id === id);
    const label = text(record?.map.get('label')).trim();
    const what = `${levelLabel[record?.level ?? 'axe'].toLowerCase()}${label ? ` « ${label} »` : ''}`;
    if (
      (label || under.length > 0) &&
      !ctx.confirm(under.length > 0 ? `Supprimer l’${what} et les ${under.length} objectif(s) qui en dépendent ?` : `Supprimer l’${what} ?`)
    )
      return;
    ctx.doc.transact(() => {
      for (const child of under) removeRecord(ctx.doc, 'objectifs', child);
      removeRecord(ctx.doc, 'objectifs', id);
    });
    addButton?.focus();
  };

  const viewFor = (record: ReturnType<typeof records>[number]): NodeView => {
    let view = views.get(record.id);
    if (!view) {
      const level = childLevel(record.level);
      view = createObjectiveNode(record.map, {
        sectionId: ctx.sectionId,
        nodeId: record.id,
        level: record.level,
        editable: ctx.editable,
        onAddChild: () => level && add(level, record.id),
        onRemove: () => remove(record.id),
        pmpItems: ctx.pmpItems,
      });
      views.set(record.id, view);
    }
    return view;
  };

  const reconcile = (): void => {
    const all = records();
    const byId = new Map(all.map((r) => [r.id, r]));
    for (const [id, view] of views) {
      if (byId.has(id)) continue;
      view.element.remove();
      views.delete(id);
    }
    const place = (nodes: ObjectiveNode[], container: HTMLElement, prefix: string): void => {
      placeInOrder(
        container,
        nodes.map((node, index) => {
          const view = viewFor(byId.get(node.id)!);
          const number = `${prefix}${index + 1}`;
          view.setNumber(number);
          place(node.children, view.children, `${number}.`);
          return view.element;
        }),
      );
    };
    place(objectiveTree(all), rootList, '');
    empty.hidden = all.length > 0;
  };

  if (ctx.editable) {
    addButton = h('button', { type: 'button', class: 'button', onclick: () => add('axe', null) }, 'Ajouter un axe');
  }
  const element = h(
    'section',
    { class: 'block block-objectifs', 'aria-labelledby': headingId, 'data-path': paths.objectifs(ctx.sectionId), tabindex: '-1' },
    h('h3', { id: headingId, class: 'block-title' }, 'Axes et objectifs'),
    h('p', { class: 'block-hint' }, 'Déclinez chaque axe en objectifs stratégiques, puis chaque objectif stratégique en objectifs opérationnels.'),
    rootList,
    empty,
    addButton ? h('p', { class: 'block-actions' }, addButton) : null,
  );

  const onChange = (events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction): void => {
    const before = views.size;
    reconcile();
    for (const event of events) {
      const id = event.path[0];
      if (typeof id === 'string') views.get(id)?.refresh();
      else for (const key of (event as Y.YMapEvent<unknown>).keysChanged ?? []) views.get(key)?.refresh();
    }
    if (!transaction.local && views.size !== before) {
      ctx.announce(views.size > before ? 'Un objectif a été ajouté par un autre rédacteur.' : 'Un objectif a été supprimé par un autre rédacteur.');
    }
  };
  root.observeDeep(onChange);
  reconcile();
  for (const view of views.values()) view.refresh();

  return {
    element,
    destroy(): void {
      root.unobserveDeep(onChange);
      views.clear();
    },
  };
}
