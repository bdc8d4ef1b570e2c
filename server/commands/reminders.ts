import type { Deps } from '../deps';
import { dueReminders, perUser } from '../governance/reminders';
import type { Mailer } from '../governance/mailer';
import { loadRichText } from '../richText/runtime';

export interface ReminderRun {
  /** Notifications added by this run (a reminder already given is not added again). */
  created: number;
  emailed: number;
  emailFailures: number;
}

async function runOnce(deps: Deps, now: Date, mailer: Mailer | null): Promise<ReminderRun> {
  // The governance timeline compares the live text with the frozen versions.
  await loadRichText();
  const reminders = dueReminders(deps, now);
  let created = 0;
  deps.store.transaction(() => {
    for (const [userId, mine] of perUser(reminders)) {
      for (const reminder of mine) if (deps.store.notifications.add({ ...reminder, userId }, mailer !== null)) created++;
    }
  });

  let emailed = 0;
  let emailFailures = 0;
  if (mailer) {
    for (const notification of deps.store.notifications.pendingEmails(500)) {
      const user = deps.store.users.get(notification.userId);
      if (!user) continue;
      const link = deps.config.publicUrl ? `\n\n${deps.config.publicUrl}/` : '';
      try {
        await mailer.send({ to: user.email, subject: `[Atelier PMP] ${notification.title}`, text: `${notification.body}${link}\n` });
        deps.store.notifications.markEmailed(notification.id);
        emailed++;
      } catch (error) {
        emailFailures++;
        deps.logger.warn('reminder e-mail failed', { notification: notification.id, error: String(error) });
      }
    }
  }
  return { created, emailed, emailFailures };
}

/** Runs of one server, chained so that two never send the same pending e-mail. */
const inFlight = new WeakMap<Deps, Promise<unknown>>();

/**
 * Computes every reminder due at `now` and notifies (in the app, and by e-mail when a mailer is
 * given). Idempotent: each reminder has a key, and a user never gets the same key twice; e-mails
 * that failed stay pending and are retried by the next run.
 */
export function runReminders(deps: Deps, now: Date, mailer: Mailer | null): Promise<ReminderRun> {
  const previous = inFlight.get(deps) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(() => runOnce(deps, now, mailer));
  inFlight.set(deps, run);
  return run;
}

/** Runs reminders every `intervalMs` (0: never); a run never overlaps another. Returns a stopper. */
export function startReminderTimer(deps: Deps, mailer: Mailer | null, intervalMs: number): () => void {
  if (intervalMs <= 0) return () => undefined;
  const timer = setInterval(() => {
    runReminders(deps, new Date(), mailer).catch((error: unknown) => deps.logger.error('reminder run failed', { error: String(error) }));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
