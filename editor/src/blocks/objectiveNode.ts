import type * as Y from 'yjs';
import type { ObjectiveLevel } from '../../../schemas/structured';
import { h } from '../dom';
import { textMapField } from './fieldBinding';
import { textField } from './fields';
import { paths } from './paths';
import { createPmpLinkField, type PmpItemsSource } from './pmpLinkField';
import { childLevel } from './records';

export const levelLabel: Record<ObjectiveLevel, string> = {
  axe: 'Axe',
  strategique: 'Objectif stratégique',
  operationnel: 'Objectif opérationnel',
};

const addChildLabel: Record<ObjectiveLevel, string> = {
  axe: 'Ajouter un objectif stratégique',
  strategique: 'Ajouter un objectif opérationnel',
  operationnel: '',
};

/** One node of the objectives tree: its label (renamed in place), its children list, its buttons. */
export function createObjectiveNode(
  record: Y.Map<unknown>,
  options: { sectionId: string; nodeId: string; level: ObjectiveLevel; editable: boolean; onAddChild(): void; onRemove(): void; pmpItems?: PmpItemsSource },
) {
  const label = textField({
    label: levelLabel[options.level],
    field: textMapField(record, 'label'),
    editable: options.editable,
    path: paths.objectif(options.sectionId, options.nodeId),
    className: `objective-label level-${options.level}`,
  });
  const pmpLink = options.pmpItems
    ? createPmpLinkField(record, { source: options.pmpItems, editable: options.editable, titleOf: () => label.control.value })
    : null;
  const number = h('span', { class: 'objective-number' });
  label.element.querySelector('label')!.append(' ', number);
  const children = h('ol', { class: 'objective-children' });
  // What the buttons act on, for screen readers: "Supprimer (axe 2)".
  const addContext = h('span', { class: 'sr-only' });
  const removeContext = h('span', { class: 'sr-only' });
  const canHaveChildren = childLevel(options.level) !== null;
  const element = h(
    'li',
    { class: `objective level-${options.level}`, 'data-node-id': options.nodeId },
    h(
      'div',
      { class: 'objective-row' },
      label.element,
      options.editable
        ? h(
            'p',
            { class: 'objective-actions' },
            canHaveChildren
              ? h('button', { type: 'button', class: 'button button-small', onclick: options.onAddChild }, addChildLabel[options.level], addContext)
              : null,
            h('button', { type: 'button', class: 'button button-tertiary button-small', onclick: options.onRemove }, 'Supprimer', removeContext),
          )
        : null,
    ),
    pmpLink?.element,
    children,
  );
  return {
    element,
    children,
    /** "1.2": the node's place in the tree, shown after its level and read with its buttons. */
    setNumber(value: string): void {
      if (number.textContent === value) return;
      number.textContent = value;
      addContext.textContent = removeContext.textContent = ` (${levelLabel[options.level].toLowerCase()} ${value})`;
    },
    refresh(): void {
      label.refresh();
      pmpLink?.refresh();
    },
    focus: () => label.control.focus(),
    destroy(): void {
      pmpLink?.destroy();
    },
  };
}
