import type { Peer } from './collab/peers';
import { h, srOnly } from './dom';
import { initialsOf } from './userColor';
import type { UpdatablePart } from './ui/part';

/** "Dr Claire Martin – 1.2 Objectifs médicaux" (or "– sommaire" when no section is open). */
export function peerDescription(peer: Peer, sectionLabel: (sectionId: string) => string): string {
  const where = peer.sectionIds.length === 0 ? 'sommaire du projet' : peer.sectionIds.map(sectionLabel).join(' ; ');
  return `${peer.name} – ${where}`;
}

export function avatar(peer: Peer, label: string, className = 'avatar'): HTMLSpanElement {
  const el = h('span', { class: className, 'data-user-id': peer.userId, role: 'img', 'aria-label': label, title: label }, initialsOf(peer.name));
  el.style.backgroundColor = peer.color;
  return el;
}

/** The `#presence` block of the project header: one avatar per other user present. */
export function createPresence(sectionLabel: (id: string) => string): UpdatablePart<Peer[]> {
  const list = h('ul', { class: 'presence-list' });
  const empty = h('p', { class: 'presence-empty' }, 'personne d’autre en ce moment');
  const element = h(
    'section',
    { id: 'presence', class: 'presence', 'aria-labelledby': 'presence-title' },
    h('p', { id: 'presence-title', class: 'presence-title' }, 'Aussi sur le projet'),
    list,
    empty,
  );
  return {
    element,
    update(peers) {
      list.replaceChildren(...peers.map((peer) => h('li', {}, avatar(peer, peerDescription(peer, sectionLabel)))));
      empty.hidden = peers.length > 0;
      element.dataset.count = String(peers.length);
    },
    // Redrawn by its owner, it holds nothing of its own.
    destroy() {},
  };
}

/** Initials of the users in one section, for the chapter tree. */
export function sectionPeers(peers: Peer[]): HTMLElement | null {
  if (peers.length === 0) return null;
  return h(
    'span',
    { class: 'outline-peers' },
    srOnly(` – présents : ${peers.map((p) => p.name).join(', ')}`),
    ...peers.map((peer) => {
      const el = avatar(peer, peer.name, 'mini-avatar');
      el.setAttribute('aria-hidden', 'true');
      el.removeAttribute('role');
      el.removeAttribute('aria-label');
      return el;
    }),
  );
}
