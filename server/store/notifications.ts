import { randomUUID } from 'node:crypto';
import type { NotificationView } from '../../schemas/api/governanceViews';
import { type Db, now } from './db';

/** A stored notification: what its recipient reads (the API's view) and what only the server uses. */
export interface NotificationRecord extends NotificationView {
  userId: string;
  /** Identifies the reminder: the same key is never notified twice to the same user. */
  dedupeKey: string;
  emailStatus: 'none' | 'pending' | 'sent';
}

interface NotificationRow {
  id: string;
  user_id: string;
  dedupe_key: string;
  kind: string;
  title: string;
  body: string;
  project_id: string | null;
  seance_id: string | null;
  created_at: string;
  read_at: string | null;
  email_status: 'none' | 'pending' | 'sent';
}

const toRecord = (r: NotificationRow): NotificationRecord => ({
  id: r.id,
  userId: r.user_id,
  dedupeKey: r.dedupe_key,
  kind: r.kind,
  title: r.title,
  body: r.body,
  projectId: r.project_id,
  seanceId: r.seance_id,
  createdAt: r.created_at,
  readAt: r.read_at,
  emailStatus: r.email_status,
});

export type NewNotification = Pick<NotificationRecord, 'userId' | 'dedupeKey' | 'kind' | 'title' | 'body' | 'projectId' | 'seanceId'>;

export function notificationStore(db: Db) {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO notifications (id, user_id, dedupe_key, kind, title, body, project_id, seance_id, created_at, email_status)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const ofUser = db.prepare<[string, number, number], NotificationRow>(
    `SELECT * FROM notifications WHERE user_id = ? AND (? = 0 OR read_at IS NULL) ORDER BY created_at DESC, id LIMIT ?`,
  );
  const markRead = db.prepare('UPDATE notifications SET read_at = ? WHERE user_id = ? AND id = ? AND read_at IS NULL');
  const markAllRead = db.prepare('UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL');
  const exists = db.prepare<[string, string], { id: string }>('SELECT id FROM notifications WHERE user_id = ? AND id = ?');
  const pending = db.prepare<[number], NotificationRow>("SELECT * FROM notifications WHERE email_status = 'pending' ORDER BY created_at, id LIMIT ?");
  const markEmailed = db.prepare("UPDATE notifications SET email_status = 'sent', emailed_at = ? WHERE id = ?");
  return {
    /** Adds the notification unless this user already had one with this key; true when added. */
    add(input: NewNotification, email: boolean): boolean {
      const result = insert.run(
        randomUUID(),
        input.userId,
        input.dedupeKey,
        input.kind,
        input.title,
        input.body,
        input.projectId,
        input.seanceId,
        now(),
        email ? 'pending' : 'none',
      );
      return result.changes > 0;
    },
    ofUser: (userId: string, options: { unreadOnly: boolean; limit: number }): NotificationRecord[] =>
      ofUser.all(userId, options.unreadOnly ? 1 : 0, options.limit).map(toRecord),
    exists: (userId: string, id: string): boolean => exists.get(userId, id) !== undefined,
    markRead: (userId: string, id: string): void => void markRead.run(now(), userId, id),
    markAllRead: (userId: string): void => void markAllRead.run(now(), userId),
    pendingEmails: (limit: number): NotificationRecord[] => pending.all(limit).map(toRecord),
    markEmailed: (id: string): void => void markEmailed.run(now(), id),
  };
}
