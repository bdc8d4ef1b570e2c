import { actKindLabels } from '../../schemas/governance';
import type { Assignment } from '../../schemas/api/assignments';
import { assignments } from '../queries/assignments';
import { projectCoordinatorIds } from '../queries/projectCoordinators';
import type { Deps } from '../deps';
import { coherenceReminders } from './coherenceReminders';
import { followupReminders } from './followupReminders';
import type { Reminder } from './reminder';
import type { SeanceRecord } from '../store/seances';
import { organisationConfig } from './organisationConfig';
import { addDays, daysBetween, formatDateFr, formatDateTimeFr, parisDate, parisToInstant } from './parisTime';
import { convocationOf } from './seanceView';
import { projectTimeline } from './timeline';
import { capitalize, instanceWithOrganisation, ofInstance } from './wording';

/** How far back past séances are checked for missing acts. */
const missingActLookbackDays = 60;

function seanceReminders(deps: Deps, seance: SeanceRecord, now: Date): Reminder[] {
  const today = parisDate(now);
  const instance = deps.store.instances.get(seance.instanceId);
  if (!instance || seance.status === 'cancelled') return [];
  const config = organisationConfig(deps, instance.organisationId);
  const secretaries = deps.store.instances.secretaryIds(instance);
  const agenda = deps.store.seances.agenda(seance.id);
  const when = formatDateTimeFr(seance.date, seance.startTime);
  const reminders: Reminder[] = [];
  const until = daysBetween(today, seance.date);
  const where = instanceWithOrganisation(instance.name, deps.store.organisations.get(instance.organisationId)?.name);
  // A séance of today that has acts, is marked held, or whose start time has passed is not "to come".
  const started = seance.startTime !== null && parisToInstant(seance.date, seance.startTime) <= now;
  const heldAlready = until === 0 && (seance.status === 'held' || deps.store.acts.ofSeance(seance.id).length > 0 || started);

  const convocation = convocationOf(config, seance, instance, today);
  if (!seance.convocationSentOn && until >= 0 && !heldAlready) {
    const deadline = convocation.deadline;
    const due = deadline ? daysBetween(today, deadline) <= config.reminders.convocationLeadDays : until <= config.reminders.upcomingSeanceDays;
    if (due) {
      reminders.push({
        userIds: secretaries,
        dedupeKey: `convocation:${seance.id}:${seance.date}`,
        kind: 'convocation_due',
        title: `Convocation à envoyer : ${where}, séance du ${formatDateFr(seance.date)}`,
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

  if (until >= 0 && !heldAlready && until <= config.reminders.upcomingSeanceDays) {
    const items = agenda.map((item) => `« ${deps.store.projects.get(item.projectId)?.title ?? ''} » (${actKindLabels[item.act]})`);
    const coordinators = [...new Set(agenda.flatMap((item) => projectCoordinatorIds(deps, item.projectId)))];
    reminders.push({
      userIds: [...new Set([...secretaries, ...coordinators])],
      dedupeKey: `upcoming:${seance.id}:${seance.date}`,
      kind: 'seance_upcoming',
      title: `Séance ${ofInstance(instance.kind)} le ${formatDateFr(seance.date)} (${where})`,
      body: `${where} se réunit le ${when}${seance.place ? ` (${seance.place})` : ''}.${items.length > 0 ? ` À l’ordre du jour : ${items.join(', ')}.` : ''}`,
      projectId: agenda[0]?.projectId ?? null,
      seanceId: seance.id,
    });
  }

  if (until < 0 && -until >= config.reminders.missingActAfterDays) {
    // One reminder per séance, listing its acts still to record (not one per agenda item).
    const acts = deps.store.acts.ofSeance(seance.id);
    const missing = agenda.filter((item) => !acts.some((a) => a.projectId === item.projectId && a.kind === item.act));
    if (missing.length > 0) {
      const items = missing.map((item) => `${actKindLabels[item.act]} sur « ${deps.store.projects.get(item.projectId)?.title ?? ''} »`);
      reminders.push({
        userIds: secretaries,
        dedupeKey: `act-missing:${seance.id}:${missing
          .map((i) => i.id)
          .sort()
          .join(',')}`,
        kind: 'act_missing',
        title:
          missing.length === 1
            ? `Acte à enregistrer : ${actKindLabels[missing[0]!.act]} ${ofInstance(instance.kind)} du ${formatDateFr(seance.date)} (${where})`
            : `${missing.length} actes à enregistrer : séance ${ofInstance(instance.kind)} du ${formatDateFr(seance.date)} (${where})`,
        body: `${capitalize(items.join(', '))} : ${missing.length === 1 ? 'l’acte (résultat, votes, extrait du PV) n’est pas encore enregistré' : 'ces actes (résultat, votes, extrait du PV) ne sont pas encore enregistrés'} pour la séance du ${formatDateFr(seance.date)} (${where}).`,
        projectId: missing[0]!.projectId,
        seanceId: seance.id,
      });
    }
  }
  return reminders;
}

function projectReminders(deps: Deps, projectId: string, now: Date): Reminder[] {
  const timeline = projectTimeline(deps, projectId, now);
  const coordinators = projectCoordinatorIds(deps, projectId);
  const projectTitle = deps.store.projects.get(projectId)?.title ?? '';
  const reminders: Reminder[] = [];
  for (const d of timeline.deadlines) {
    if (d.kind === 'transmission' && d.atRisk) {
      reminders.push({
        userIds: coordinators,
        dedupeKey: `transmission-risk:${projectId}:${d.date}:${d.status}`,
        kind: 'deadline_at_risk',
        title: `Échéance en danger : transmission à l’ARS le ${formatDateFr(d.date)} (${projectTitle})`,
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
        title: `Approbation tacite de l’ARS acquise le ${formatDateFr(d.date)} (${projectTitle})`,
        body: `${d.label} : sans réponse de l’ARS, le projet est réputé approuvé.`,
        projectId,
        seanceId: null,
      });
    }
  }
  return reminders;
}

/**
 * Each user's reminders of a run, without repeats: one per key, and no "séance à venir" for a
 * séance whose convocation reminder the user gets in the same run (it says the date already).
 */
export function perUser(reminders: Reminder[]): Map<string, Omit<Reminder, 'userIds'>[]> {
  const out = new Map<string, Omit<Reminder, 'userIds'>[]>();
  for (const { userIds, ...reminder } of reminders) {
    for (const userId of new Set(userIds)) {
      const mine = out.get(userId) ?? [];
      if (!mine.some((r) => r.dedupeKey === reminder.dedupeKey)) mine.push(reminder);
      out.set(userId, mine);
    }
  }
  for (const [userId, mine] of out) {
    const convened = new Set(mine.filter((r) => r.kind === 'convocation_due').map((r) => r.seanceId));
    out.set(
      userId,
      mine.filter((r) => !(r.kind === 'seance_upcoming' && convened.has(r.seanceId))),
    );
  }
  return out;
}

/**
 * The assignees of a section past its due date and not validated (issue 20: they were never
 * told). Only projects where a due date was ever set are opened (the audit says so).
 */
function overdueSections(deps: Deps, projectId: string, projectTitle: string, today: string): Reminder[] {
  if (!deps.store.audit.ofProject(projectId).some((e) => e.action === 'section.due_date')) return [];
  return assignments(deps, projectId, today)
    .filter((a) => a.overdue && a.assignees.length > 0)
    .map((a) => ({
      userIds: a.assignees.map((p) => p.id),
      dedupeKey: `section-overdue:${projectId}:${a.sectionId}:${a.dueDate}`,
      kind: 'section_overdue',
      title: `Section en retard : ${a.number}. ${a.title} (${projectTitle})`,
      body: `L’échéance de la section « ${a.title} » était le ${formatDateFr(a.dueDate!)} ; elle est « ${sectionStatusWords[a.status]} ». Terminez-la, ou voyez avec le coordonnateur du projet.`,
      projectId,
      seanceId: null,
    }));
}

const sectionStatusWords: Record<Assignment['status'], string> = { a_rediger: 'à rédiger', en_cours: 'en cours', a_relire: 'à valider', valide: 'validée' };

/**
 * Every reminder due at `now`, each with its dedupe key (a read: commands/reminders.ts notifies).
 */
export function dueReminders(deps: Deps, now: Date): Reminder[] {
  const today = parisDate(now);
  const reminders: Reminder[] = [];
  const seances = deps.store.seances.list({ from: addDays(today, -missingActLookbackDays), to: addDays(today, 366) });
  for (const seance of seances) reminders.push(...seanceReminders(deps, seance, now));
  for (const project of deps.store.projects.list()) {
    reminders.push(...overdueSections(deps, project.id, project.title, today));
    if (deps.store.governanceSettings.transmissionDue(project.id) || deps.store.acts.ofProject(project.id).some((a) => a.kind === 'accuse_reception')) {
      reminders.push(...projectReminders(deps, project.id, now));
    }
  }
  reminders.push(...coherenceReminders(deps, now));
  reminders.push(...followupReminders(deps, now));
  return reminders;
}
