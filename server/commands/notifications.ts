import { DomainError } from '../errors';
import type { UserRecord } from '../store/users';
import type { Deps } from '../deps';

export function markNotificationRead(deps: Pick<Deps, 'store'>, user: UserRecord, notificationId: string): void {
  if (!deps.store.notifications.exists(user.id, notificationId)) {
    throw new DomainError('not_found', 'notification_not_found', 'Notification introuvable.');
  }
  deps.store.notifications.markRead(user.id, notificationId);
}

export function markAllNotificationsRead(deps: Pick<Deps, 'store'>, user: UserRecord): void {
  deps.store.notifications.markAllRead(user.id);
}
