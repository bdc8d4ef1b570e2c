import type { UserRecord } from '../store/users';
import type { Deps } from '../deps';

/** A new secret feed token for the user; the previous feed URL stops working. */
export function issueCalendarFeed(deps: Pick<Deps, 'store'>, user: UserRecord): string {
  return deps.store.calendarFeeds.issue(user.id);
}

export function revokeCalendarFeed(deps: Pick<Deps, 'store'>, user: UserRecord): void {
  deps.store.calendarFeeds.revoke(user.id);
}
