import { actKindLabels, instanceKindLabels } from '../../schemas/governance';
import type { Deps } from '../deps';
import type { NewNotification } from '../store/notifications';
import type { SeanceRecord } from '../store/seances';
import type { Mailer } from './mailer';
import { organisationConfig } from './organisationConfig';
import { addDays, daysBetween, formatDateFr, formatDateTimeFr, parisDate } from './parisTime';
import { convocationOf } from './seanceView';
import { projectTimeline } from './timeline';

/** How far back past séances are checked for missing acts. */
const missingActLookbackDays = 60;

export interface ReminderRun {
  /** Notifications added by this run (a reminder already given is not added again). */
  created: number;
  emailed: number;
  emailFailures: number;
}

type Reminder = Omit<NewNotification, 'userId'> & { userIds: string[] };

function coordinatorsOf(deps: Deps, projectId: string): string[] {
  return deps.store.projects.members(projectId).filter((m) => m.role === 'coordinator').map((m) => m.userId);
}

function seanceReminders(deps: Deps, seance: SeanceRecord, today: string): Reminder[] {
  const instance = deps.store.instances.get(seance.instanceId);
  if (!instance || seance.status === 'cancelled') return [];
  const config = organisationConfig(deps, instance.organisationId);
  const secretaries = deps.store.instances.secretaryIds(instance);
  const agenda = deps.store.seances.agenda(seance.id);
  const when = formatDateTimeFr(seance.date, seance.startTime);
  const reminders: Reminder[] = [];
  const until = daysBetween(today, seance.date);

  const convocation = convocationOf(config, seance, instance, today);
  if (!seance.convocationSentOn && until >= 0) {
    const deadline = convocation.deadline;
    const due = deadline ? daysBetween(today, deadline) <= config.reminders.convocationLeadDays : until <= config.reminders.upcomingSeanceDays;
    if (due) {
      reminders.push({
        userIds: secretaries,
        dedupeKey: `convocation:${seance.id}:${seance.date}`,
        kind: 'convocation_due',
        title: `Convocation à envoyer : ${instance.name}, séance du ${formatDateFr(seance.date)}`,
        body: deadline
          ? today > deadline
            ? `La convocation devait partir au plus tard le ${formatDateFr(deadline)} (${convocation.days} jours avant la séance) : envoyez-la sans attendre et enregistrez la date d’envoi.`
            : `La convocation et l’ordre du jour doivent partir au plus tard le ${formatDateFr(deadline)} (${convocation.days} jours avant la séance).`
          : `La séance a lieu le ${when} et sa convocation n’est pas enregistrée comme envoyée.`,
        projectId: null,
        seanceId: seance.id,
      });
    }
  }

  if (until >= 0 && until <= config.reminders.upcomingSeanceDays) {
    const items = agenda.map((item) => `« ${deps.store.projects.get(item.projectId)?.title ?? ''} » (${actKindLabels[item.act]})`);
    const coordinators = [...new Set(agenda.flatMap((item) => coordinatorsOf(deps, item.projectId)))];
    reminders.push({
      userIds: [...new Set([...secretaries, ...coordinators])],
      dedupeKey: `upcoming:${seance.id}:${seance.date}`,
      kind: 'seance_upcoming',
      title: `Séance de ${instanceKindLabels[instance.kind]} le ${formatDateFr(seance.date)}`,
      body: `${instance.name} se réunit le ${when}${seance.place ? ` (${seance.place})` : ''}.${items.length > 0 ? ` À l’ordre du jour : ${items.join(', ')}.` : ''}`,
      projectId: agenda[0]?.projectId ?? null,
      seanceId: seance.id,
    });
  }

  if (until < 0 && -until >= config.reminders.missingActAfterDays) {
    const acts = deps.store.acts.ofSeance(seance.id);
    for (const item of agenda) {
      if (acts.some((a) => a.projectId === item.projectId && a.kind === item.act)) continue;
      const title = deps.store.projects.get(item.projectId)?.title ?? '';
      reminders.push({
        userIds: secretaries,
        dedupeKey: `act-missing:${item.id}`,
        kind: 'act_missing',
        title: `Acte à enregistrer : ${actKindLabels[item.act]} de ${instanceKindLabels[instance.kind]} du ${formatDateFr(seance.date)}`,
        body: `${actKindLabels[item.act].replace(/^./, (c) => c.toUpperCase())} sur « ${title} » à la séance du ${formatDateFr(seance.date)} de ${instance.name} : l’acte (résultat, votes, extrait du PV) n’est pas encore enregistré.`,
        projectId: item.projectId,
        seanceId: seance.id,
      });
    }
  }
  return reminders;
}

function projectReminders(deps: Deps, projectId: string, now: Date): Reminder[] {
  const timeline = projectTimeline(deps, projectId, now);
  const coordinators = coordinatorsOf(deps, projectId);
  const reminders: Reminder[] = [];
  for (const d of timeline.deadlines) {
    if (d.kind === 'transmission' && d.atRisk) {
      reminders.push({
        userIds: coordinators,
        dedupeKey: `transmission-risk:${projectId}:${d.date}:${d.status}`,
        kind: 'deadline_at_risk',
        title: `Échéance en danger : transmission à l’ARS le ${formatDateFr(d.date)}`,
        body: `${d.label}. ${d.risk ?? ''} Reste à faire : ${timeline.missing.join(' ')}`.trim(),
        projectId,
        seanceId: null,
      });
    }
    if (d.kind === 'tacit_approval' && d.status === 'met' && d.actId) {
      reminders.push({
        userIds: coordinators,
        dedupeKey: `tacit-approval:${d.actId}`,
        kind: 'tacit_approval',
        title: `Approbation tacite de l’ARS acquise le ${formatDateFr(d.date)}`,
        body: `${d.label} : sans réponse de l’ARS, le projet est réputé approuvé.`,
        projectId,
        seanceId: null,
      });
    }
  }
  return reminders;
}

async function runOnce(deps: Deps, now: Date, mailer: Mailer | null): Promise<ReminderRun> {
  const today = parisDate(now);
  const reminders: Reminder[] = [];
  const seances = deps.store.seances.list({ from: addDays(today, -missingActLookbackDays), to: addDays(today, 366) });
  for (const seance of seances) reminders.push(...seanceReminders(deps, seance, today));
  for (const project of deps.store.projects.list()) {
    if (deps.store.governanceSettings.transmissionDue(project.id) || deps.store.acts.ofProject(project.id).some((a) => a.kind === 'accuse_reception')) {
      reminders.push(...projectReminders(deps, project.id, now));
    }
  }

  let created = 0;
  deps.store.transaction(() => {
    for (const { userIds, ...reminder } of reminders) {
      for (const userId of new Set(userIds)) {
        if (deps.store.notifications.add({ ...reminder, userId }, mailer !== null)) created++;
      }
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
