import type { SectionNode } from '../../schemas/project';
import type { Peer } from './collab/peers';
import { h, srOnly } from './dom';
import { statusLabel } from './labels';
import { numberOutline } from './outlineNumbering';
import { sectionPeers } from './presence';
import type { UpdatablePart } from './ui/part';

export interface OutlineState {
  outline: SectionNode[];
  currentId: string | null;
  peers: Peer[];
  /** Sections a coordinator has locked. */
  locked: Set<string>;
}

/**
 * The chapter tree: nested numbered lists of links (`[data-section-id]`), each with its status,
 * the "obligatoire" marker and who is in it. Re-rendered as a whole; keyboard focus survives.
 */
export function createOutlineTree(hrefFor: (sectionId: string) => string): UpdatablePart<OutlineState> {
  const body = h('div', { class: 'outline-body' });
  const element = h(
    'nav',
    { class: 'outline', 'aria-labelledby': 'outline-title' },
    h('h2', { id: 'outline-title', class: 'outline-heading' }, 'Sommaire'),
    body,
  );

  const render = (state: OutlineState): void => {
    const numbers = numberOutline(state.outline);
    const peersIn = (id: string): Peer[] => state.peers.filter((p) => p.sectionIds.includes(id));
    const list = (nodes: SectionNode[], depth: number): HTMLOListElement =>
      h(
        'ol',
        { class: `outline-list depth-${depth}` },
        ...nodes.map((node) => {
          const current = node.id === state.currentId;
          const link = h(
            'a',
            {
              class: `outline-link status-${node.status}`,
              href: hrefFor(node.id),
              'data-section-id': node.id,
              'aria-current': current ? 'page' : null,
            },
            h('span', { class: 'outline-number' }, numbers.get(node.id) ?? ''),
            ' ',
            h('span', { class: 'outline-title' }, node.title || 'Section sans titre'),
            h(
              'span',
              { class: 'outline-meta' },
              srOnly(' – statut : '),
              h('span', { class: `status-badge status-${node.status}` }, statusLabel[node.status]),
              node.mandatory ? srOnly(', ') : null,
              node.mandatory ? h('span', { class: 'mandatory-badge' }, 'obligatoire') : null,
              state.locked.has(node.id) ? srOnly(', ') : null,
              state.locked.has(node.id) ? h('span', { class: 'locked-badge' }, 'verrouillée') : null,
              sectionPeers(peersIn(node.id)),
            ),
          );
          return h('li', {}, link, node.children.length > 0 ? list(node.children, depth + 1) : null);
        }),
      );
    body.replaceChildren(state.outline.length > 0 ? list(state.outline, 0) : h('p', { class: 'empty' }, 'Le document ne contient encore aucune section.'));
  };

  return {
    element,
    update(state) {
      const focusedId =
        document.activeElement instanceof HTMLElement && element.contains(document.activeElement) ? document.activeElement.dataset.sectionId : undefined;
      render(state);
      if (focusedId) body.querySelector<HTMLElement>(`[data-section-id="${CSS.escape(focusedId)}"]`)?.focus();
    },
    // Redrawn by its owner, it holds nothing of its own.
    destroy() {},
  };
}
