import type * as Y from 'yjs';
import { h } from '../dom';
import type { BlockContext } from './context';
import { nextId } from './ids';
import type { RecordView } from './keyedList';
import { paths } from './paths';
import { sectionRecords } from './records';
import { createRecordList } from './recordList';

/** A block listing the records of one structured root that belong to a section. */
export interface SectionRecordsOptions<V extends RecordView> {
  kind: 'fiches' | 'filieres';
  root: Y.Map<Y.Map<unknown>>;
  title: string;
  hint: string;
  emptyText: string;
  addLabel: string;
  add(): string;
  announce: { added: string; removed: string };
  create(id: string, record: Y.Map<unknown>, onRemoved: () => void): V;
}

/**
 * The records of a section as cards, in the same order on every client; a change refreshes
 * only the records it touches, the others are left alone.
 */
export function createSectionRecordsBlock<V extends RecordView>(ctx: BlockContext, options: SectionRecordsOptions<V>) {
  const { root } = options;
  const headingId = nextId(options.kind);
  const records = createRecordList(ctx, {
    container: h('div', { class: 'record-list' }),
    create: (id, focusAdd) => options.create(id, root.get(id)!, focusAdd),
    emptyText: options.emptyText,
    add: { label: options.addLabel, focus: 'input', run: options.add },
    announce: options.announce,
  });
  const reconcile = (): void => records.sync(sectionRecords(root, ctx.sectionId).map((r) => r.id));

  const element = h(
    'section',
    { class: `block block-${options.kind}`, 'aria-labelledby': headingId, 'data-path': paths[options.kind](ctx.sectionId), tabindex: '-1' },
    h('h3', { id: headingId, class: 'block-title' }, options.title),
    h('p', { class: 'block-hint' }, options.hint),
    records.container,
    records.empty,
    records.actions,
  );

  const onChange = (events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction): void => {
    records.track(transaction, reconcile);
    const touched = new Set(events.map((e) => e.path[0]).filter((id): id is string => typeof id === 'string'));
    for (const id of touched) records.views.get(id)?.refresh();
  };
  root.observeDeep(onChange);
  reconcile();

  return {
    element,
    views: records.views,
    destroy(): void {
      root.unobserveDeep(onChange);
      records.destroy();
    },
  };
}
