import { h } from '../../dom';
import { mountPage, type Page } from '../../ui/page';
import type { View } from '../view';
import { formatInstant } from './dates';
import { gov, type Notification } from './govApi';
import { govHash } from './routes';
import { errorText, isSessionGone, tag } from './ui';

export const notificationKindLabel: Record<string, string> = {
  convocation_due: 'convocation à envoyer',
  seance_upcoming: 'séance à venir',
  act_missing: 'acte à enregistrer',
  deadline_at_risk: 'échéance menacée',
  tacit_approval: 'approbation tacite',
  section_overdue: 'section en retard',
  coherence_gaps: 'cohérence avec le PMP',
  coherence_overdue: 'cohérence avec le PMP',
  indicator_values_due: 'valeurs des indicateurs',
  bilan_due: 'bilan annuel',
};

/** Where a notification leads: its séance, else its project's calendar. */
export function notificationHref(n: Notification): string | null {
  if (n.seanceId) return govHash({ page: 'seance', seanceId: n.seanceId });
  // The cohérence notices say where the gaps are shown (the GHT is not one of their fields).
  const coherence = n.kind.startsWith('coherence_') ? /#\/ght\/[^\s]+/.exec(n.body) : null;
  if (coherence) return coherence[0];
  // An overdue section leads to the text, not to the approval calendar.
  if (n.kind === 'section_overdue' && n.projectId) return `#/projets/${encodeURIComponent(n.projectId)}`;
  if (n.projectId) return govHash({ page: 'timeline', projectId: n.projectId });
  return null;
}

/** Listeners told when notifications are read elsewhere (the bell's count). */
const changeListeners = new Set<() => void>();
export function onNotificationsChanged(listener: () => void): () => void {
  changeListeners.add(listener);
  return () => changeListeners.delete(listener);
}
export function notificationsChanged(): void {
  for (const l of changeListeners) l();
}

export function notificationItem(n: Notification, onRead: (n: Notification, button: HTMLButtonElement) => void): HTMLLIElement {
  const href = notificationHref(n);
  const read = h('button', { type: 'button', class: 'button button-tertiary notification-read' }, 'Marquer comme lue');
  read.setAttribute('aria-label', `Marquer comme lue : ${n.title}`);
  read.addEventListener('click', () => onRead(n, read));
  return h(
    'li',
    { class: `notification ${n.readAt ? 'is-read' : 'is-unread'}`, 'data-notification-id': n.id },
    h(
      'p',
      { class: 'notification-head' },
      n.readAt ? null : tag('non lue', 'info'),
      ' ',
      h('span', { class: 'notification-kind' }, notificationKindLabel[n.kind] ?? n.kind),
      ' · ',
      h('span', { class: 'notification-date' }, formatInstant(n.createdAt)),
    ),
    h('p', { class: 'notification-title' }, href ? h('a', { href }, n.title) : n.title),
    n.body ? h('p', { class: 'notification-body' }, n.body) : null,
    n.readAt ? null : read,
  );
}

/** All the user's notifications, newest first, with "mark read". */
export function mountNotificationsPage(main: HTMLElement): View {
  const live = h('p', { role: 'status', 'aria-live': 'polite', class: 'notifications-live' });
  const readAll = h('button', { type: 'button', class: 'button', id: 'notifications-read-all' }, 'Tout marquer comme lu');
  const done = (page: Page, message: string): void => {
    live.textContent = message;
    notificationsChanged();
    page.reload();
  };
  const onRead = async (page: Page, n: Notification, button: HTMLButtonElement): Promise<void> => {
    button.disabled = true;
    try {
      await gov.markRead(n.id);
      done(page, `Notification « ${n.title} » marquée comme lue.`);
    } catch (error) {
      button.disabled = false;
      if (!isSessionGone(error)) live.textContent = `Impossible : ${errorText(error)}`;
    }
  };
  const onReadAll = async (page: Page): Promise<void> => {
    readAll.disabled = true;
    try {
      await gov.markAllRead();
      done(page, 'Toutes les notifications sont marquées comme lues.');
    } catch (error) {
      if (!isSessionGone(error)) live.textContent = `Impossible : ${errorText(error)}`;
    } finally {
      readAll.disabled = false;
    }
  };

  return mountPage(main, {
    title: 'Notifications',
    className: 'notifications-body',
    loading: 'Chargement des notifications…',
    shell: (body, page) => {
      readAll.addEventListener('click', () => void onReadAll(page));
      return h(
        'div',
        { class: 'page gov-page notifications-page' },
        h('h1', { tabindex: '-1' }, 'Notifications'),
        h('p', { class: 'actions' }, readAll),
        live,
        body,
      );
    },
    load: () => gov.notifications(false, 200),
    render: (list, page) => {
      if (list.length === 0) return [h('p', { class: 'empty' }, 'Aucune notification.')];
      return [h('ul', { class: 'notification-list' }, ...list.map((n) => notificationItem(n, (x, b) => void onRead(page, x, b))))];
    },
  });
}
