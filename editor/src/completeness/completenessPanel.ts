import type * as Y from 'yjs';
import { checkCompleteness, type CompletenessItem, type CompletenessProblem } from '../../../templates/completeness';
import type { SectionNode } from '../../../schemas/project';
import { h, srOnly } from '../dom';
import { flattenOutline } from '../outlineNumbering';
import { countText, groupItems } from './groupItems';
import { throttle } from './throttle';

const problemLabel: Record<CompletenessProblem, string> = {
  missing: 'à rédiger',
  empty: 'vide',
  incomplete: 'incomplet',
};

export interface CompletenessPanelOptions {
  hrefFor(sectionId: string): string;
  /** Opens the item's section and focuses the element its path names. */
  onJump(item: CompletenessItem): void;
}

/**
 * "Ce qui manque": the live completeness check of the document (templates/completeness.ts, the
 * same function the server runs), chapter by chapter; each item leads to what it is about.
 */
export function createCompletenessPanel(doc: Y.Doc, options: CompletenessPanelOptions) {
  const count = h('span', { class: 'completeness-count', 'aria-live': 'polite', 'aria-atomic': 'true' }, 'analyse en cours…');
  const body = h('div', { class: 'completeness-body' });
  const element = h(
    'aside',
    { id: 'completeness', class: 'completeness', 'aria-labelledby': 'completeness-title' },
    h('h2', { id: 'completeness-title', class: 'completeness-heading' }, 'Ce qui manque', h('span', { class: 'sr-only' }, ' : '), ' ', count),
    body,
  );
  let outline: SectionNode[] = [];
  let started = false;
  let renderedKey = '';

  const itemKey = (item: CompletenessItem) => `${item.problem}:${item.path}`;

  const itemElement = (item: CompletenessItem, linked: boolean): HTMLLIElement => {
    const tag = h('span', { class: `problem-tag problem-${item.problem}` }, problemLabel[item.problem]);
    if (!linked) return h('li', { class: 'completeness-item' }, tag, ' ', item.message);
    const link = h('a', { href: options.hrefFor(item.sectionId), 'data-item-key': itemKey(item), 'data-item-path': item.path }, item.message);
    link.addEventListener('click', (event) => {
      // Opening in a new tab or window keeps the browser's way.
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey || event.button !== 0) return;
      event.preventDefault();
      options.onJump(item);
    });
    return h('li', { class: 'completeness-item' }, srOnly(`${problemLabel[item.problem]} : `), h('span', { 'aria-hidden': 'true' }, tag), ' ', link);
  };

  const render = (items: CompletenessItem[]): void => {
    const numbered = flattenOutline(outline);
    const groups = groupItems(items, numbered);
    const key = JSON.stringify([items, groups.map((g) => g.label)]);
    if (key === renderedKey) return;
    renderedKey = key;
    const focused = document.activeElement instanceof HTMLElement && body.contains(document.activeElement) ? document.activeElement.dataset.itemKey : undefined;
    const text = items.length === 0 ? 'document complet' : countText(items.length);
    if (count.textContent !== text) count.textContent = text;
    element.dataset.count = String(items.length);
    body.replaceChildren(
      items.length === 0
        ? h('p', { class: 'completeness-done' }, 'Document complet : toutes les parties obligatoires sont rédigées et les tableaux remplis.')
        : h(
            'ol',
            { class: 'completeness-groups' },
            ...groups.map((group) =>
              h(
                'li',
                { class: 'completeness-group' },
                h('h3', { class: 'completeness-section' }, group.label ?? 'Parties absentes du document'),
                h('ul', { class: 'completeness-items' }, ...group.items.map((item) => itemElement(item, group.label !== null))),
              ),
            ),
          ),
    );
    if (focused) body.querySelector<HTMLElement>(`[data-item-key="${CSS.escape(focused)}"]`)?.focus();
  };

  const compute = (): void => {
    if (!started) return;
    render(checkCompleteness(doc).items);
  };
  const scheduled = throttle(compute, 300);
  const onUpdate = (): void => scheduled.schedule();
  doc.on('update', onUpdate);

  return {
    element,
    /** The outline changed (titles, order): items are grouped and numbered by it. */
    setOutline(next: SectionNode[]): void {
      outline = next;
      scheduled.schedule();
    },
    /** Starts checking once the document has arrived (before that, everything would be missing). */
    start(): void {
      started = true;
      compute();
    },
    destroy(): void {
      scheduled.cancel();
      doc.off('update', onUpdate);
    },
  };
}
