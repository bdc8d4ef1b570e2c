import { HttpError } from '../http/errors';
import type { UserRecord } from '../store/users';
import type { Deps } from './deps';

export function markNotificationRead(deps: Pick<Deps, 'store'>, user: UserRecord, notificationId: string): void {
  if (!deps.store.notifications.exists(user.id, notificationId)) {
    throw new HttpError(404, 'notification_not_found', 'Notification introuvable.');
  }
  deps.store.notifications.markRead(user.id, notificationId);
}

export function markAllNotificationsRead(deps: Pick<Deps, 'store'>, user: UserRecord): void {
  deps.store.notifications.markAllRead(user.id);
}
