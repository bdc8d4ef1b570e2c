import type { Account } from '../../api';
import { h, replaceChildren } from '../../dom';
import { hashFor } from '../../router';
import { gov, type Notification } from './govApi';
import { notificationItem, notificationsChanged, onNotificationsChanged } from './notifications';
import { govHash } from './routes';
import { errorText, isSessionGone } from './ui';

/**
 * The governance part of the site header: links to the calendar, the secretariat (for
 * secretaries), the ARS submissions, and the notification bell with its unread count.
 */

const pollMs = 60_000;
let state: {
  userId: string;
  nav: HTMLElement;
  bell: HTMLElement;
  refresh(): void;
  close(): void;
  timer: ReturnType<typeof setInterval>;
  unsubscribe: () => void;
  onDocumentKey: (e: KeyboardEvent) => void;
  onDocumentClick: (e: MouseEvent) => void;
} | null = null;

/** Stops polling (signed out). */
export function stopGovernanceHeader(): void {
  if (!state) return;
  clearInterval(state.timer);
  state.unsubscribe();
  document.removeEventListener('keydown', state.onDocumentKey);
  document.removeEventListener('click', state.onDocumentClick);
  state = null;
}

function buildNav(): HTMLElement {
  const calendar = h('li', { hidden: true }, h('a', { href: govHash({ page: 'calendar', month: null, mode: 'mois' }), id: 'nav-calendar' }, 'Instances'));
  const secretariat = h('li', { hidden: true }, h('a', { href: govHash({ page: 'secretariat' }), id: 'nav-secretariat' }, 'Secrétariat'));
  const nav = h(
    'nav',
    { class: 'gov-nav', 'aria-label': 'Navigation principale' },
    h(
      'ul',
      {},
      h('li', {}, h('a', { href: hashFor({ name: 'projects' }), id: 'nav-projects' }, 'Mes projets')),
      calendar,
      secretariat,
      h('li', {}, h('a', { href: govHash({ page: 'ars' }), id: 'nav-ars' }, 'Dossiers ARS')),
    ),
  );
  gov.instances().then(
    (list) => {
      calendar.hidden = list.length === 0;
      secretariat.hidden = !list.some((i) => i.canManage);
    },
    () => {
      calendar.hidden = false;
    },
  );
  return nav;
}

/** A bell drawn in SVG (no emoji font needed), hidden from screen readers. */
function bellIcon(): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('class', 'bell-icon');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute(
    'd',
    'M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6v-5a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z',
  );
  path.setAttribute('fill', 'currentColor');
  svg.appendChild(path);
  return svg;
}

function buildBell(): { element: HTMLElement; refresh(): void; close(focus: boolean): void; contains(node: Node): boolean } {
  const count = h('span', { class: 'bell-count', hidden: true });
  const countText = h('span', { class: 'sr-only' });
  const button = h(
    'button',
    { type: 'button', class: 'bell-button', id: 'notifications-bell', 'aria-expanded': 'false', 'aria-controls': 'notifications-panel' },
    bellIcon(),
    h('span', { class: 'bell-label' }, 'Notifications'),
    count,
    countText,
  );
  const list = h('div', { class: 'bell-list' });
  const live = h('p', { class: 'sr-only', role: 'status', 'aria-live': 'polite' });
  const panel = h(
    'div',
    { class: 'bell-panel', id: 'notifications-panel', hidden: true, role: 'region', 'aria-label': 'Notifications non lues', tabindex: '-1' },
    h('p', { class: 'bell-panel-title' }, 'Notifications non lues'),
    list,
    h('p', { class: 'bell-panel-actions' }, h('a', { href: govHash({ page: 'notifications' }), onclick: () => close(false) }, 'Toutes les notifications')),
  );
  const element = h('div', { class: 'bell' }, button, panel, live);
  let unread = 0;

  const setCount = (n: number): void => {
    unread = n;
    count.hidden = n === 0;
    count.textContent = n > 99 ? '99+' : String(n);
    countText.textContent = n === 0 ? ' : aucune non lue' : ` : ${n} non lue${n > 1 ? 's' : ''}`;
    button.dataset.unread = String(n);
  };

  const refresh = (): void => {
    gov.notifications(true, 100).then(
      (items) => {
        setCount(items.length);
        if (!panel.hidden) fill(items);
      },
      () => {
        /* The count stays as it was (offline, or no session yet). */
      },
    );
  };

  const markRead = async (n: Notification, b: HTMLButtonElement): Promise<void> => {
    b.disabled = true;
    try {
      await gov.markRead(n.id);
      live.textContent = 'Notification marquée comme lue.';
      // The item goes away with its button: the focus stays in the panel.
      panel.focus();
      notificationsChanged();
    } catch (error) {
      b.disabled = false;
      if (!isSessionGone(error)) live.textContent = `Impossible : ${errorText(error)}`;
    }
  };

  const fill = (items: Notification[]): void => {
    if (items.length === 0) {
      replaceChildren(list, h('p', { class: 'empty' }, 'Aucune notification non lue.'));
      return;
    }
    const readAll = h('button', { type: 'button', class: 'button button-tertiary' }, 'Tout marquer comme lu');
    readAll.addEventListener('click', async () => {
      readAll.disabled = true;
      try {
        await gov.markAllRead();
        live.textContent = 'Toutes les notifications sont marquées comme lues.';
        notificationsChanged();
        button.focus();
      } catch (error) {
        readAll.disabled = false;
        if (!isSessionGone(error)) live.textContent = `Impossible : ${errorText(error)}`;
      }
    });
    replaceChildren(
      list,
      h('ul', { class: 'notification-list' }, ...items.slice(0, 10).map((n) => notificationItem(n, (x, b) => void markRead(x, b)))),
      readAll,
    );
  };

  const open = (): void => {
    panel.hidden = false;
    button.setAttribute('aria-expanded', 'true');
    replaceChildren(list, h('p', { class: 'loading' }, 'Chargement…'));
    refresh();
  };
  const close = (focus: boolean): void => {
    if (panel.hidden) return;
    panel.hidden = true;
    button.setAttribute('aria-expanded', 'false');
    if (focus) button.focus();
  };
  button.addEventListener('click', () => (panel.hidden ? open() : close(false)));
  setCount(unread);
  return { element, refresh, close, contains: (node) => element.contains(node) };
}

/** The nav and bell for the signed-in user (kept across pages; refreshed on each navigation). */
export function governanceHeader(user: Account): HTMLElement[] {
  if (state && state.userId !== user.id) stopGovernanceHeader();
  if (state) {
    // Another page: the panel closes, the count is refreshed.
    state.close();
    state.refresh();
    return [state.nav, state.bell];
  }
  const nav = buildNav();
  const bell = buildBell();
  const onDocumentKey = (e: KeyboardEvent): void => {
    if (e.key !== 'Escape') return;
    const target = e.target instanceof Node ? e.target : null;
    if ((target && bell.contains(target)) || target === document.body) bell.close(true);
  };
  const onDocumentClick = (e: MouseEvent): void => {
    if (e.target instanceof Node && !bell.contains(e.target)) bell.close(false);
  };
  document.addEventListener('keydown', onDocumentKey);
  document.addEventListener('click', onDocumentClick);
  bell.refresh();
  state = {
    userId: user.id,
    nav,
    bell: bell.element,
    refresh: bell.refresh,
    close: () => bell.close(false),
    timer: setInterval(bell.refresh, pollMs),
    unsubscribe: onNotificationsChanged(bell.refresh),
    onDocumentKey,
    onDocumentClick,
  };
  return [nav, bell.element];
}
