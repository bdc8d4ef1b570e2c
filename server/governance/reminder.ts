import type { NewNotification } from '../store/notifications';

/**
 * A notification due to several people (one notification each, same dedupe key). Its own module:
 * reminders.ts gathers the coherence and follow-up reminders, which return this type.
 */
export type Reminder = Omit<NewNotification, 'userId'> & { userIds: string[] };
