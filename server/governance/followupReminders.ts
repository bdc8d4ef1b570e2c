import type { FollowupIndicator } from '../../schemas/api/followup';
import type { InstanceKind } from '../../schemas/governance';
import type { Deps } from '../deps';
import { projectFollowup } from '../queries/followup';
import { projectCoordinatorIds } from '../queries/projectCoordinators';
import type { ProjectRecord } from '../store/projects';
import { addDays, daysBetween, formatDateFr, parisDate } from './parisTime';
import type { Reminder } from './reminder';

/**
 * The follow-up's reminders (issue 24, item 5; docs/GOVERNANCE.md « Reminders »):
 * - `indicator_values_due`: from `valuesDueAfterDays` into a year, the indicators of an adopted
 *   project still without a value for the year just ended (within the project's years), to its
 *   coordinators and to the members who pilot one of them; once per project, year and person;
 * - `bilan_due`: the bilan annuel of the year just ended to present at the next séance (within
 *   `bilanLeadDays`) of the CME of a PM's établissement or the comité stratégique of a PMP's GHT
 *   (D6143-37-1, D6132-9-9), while it is not made yet, or made and not yet presented (no
 *   présentation act on it), to the project's coordinators; once per séance.
 */
export const valuesDueAfterDays = 15;
export const bilanLeadDays = 45;

/** The instance that hears a kind's bilan annuel, in the project's organisation. */
const bilanInstance: Partial<Record<string, InstanceKind>> = { PM: 'CME', PMP: 'COMITE_STRATEGIQUE', PMSP: 'COMITE_STRATEGIQUE' };

/** The members who may enter the values of `indicators` as their pilots (policies/can.ts, `followup.write`). */
function pilotsOf(deps: Deps, projectId: string, indicators: FollowupIndicator[]): string[] {
  return deps.store.projects
    .members(projectId)
    .filter((m) => m.role !== 'coordinator')
    .filter((m) => {
      const user = deps.store.users.get(m.userId);
      return user !== undefined && indicators.some((i) => i.pilots.length > 0 && deps.policy.can(user, { action: 'followup.write', projectId, piloted: i }));
    })
    .map((m) => m.userId);
}

function valuesDue(deps: Deps, project: ProjectRecord, followup: ReturnType<typeof projectFollowup>, today: string): Reminder[] {
  const year = Number(today.slice(0, 4)) - 1;
  if (!project.period || year < project.period.startYear || year > project.period.endYear) return [];
  if (daysBetween(`${year + 1}-01-01`, today) < valuesDueAfterDays) return [];
  const missing = followup.indicators.filter((i) => !i.values.some((v) => v.year === year));
  if (missing.length === 0) return [];
  const names = missing.slice(0, 10).map((i) => `« ${i.label} »`);
  return [
    {
      userIds: [...projectCoordinatorIds(deps, project.id), ...pilotsOf(deps, project.id, missing)],
      dedupeKey: `indicator-values:${project.id}:${year}`,
      kind: 'indicator_values_due',
      title: `Valeurs ${year} à saisir : ${missing.length} indicateur(s) de « ${project.title} »`,
      body: `Les valeurs de ${year} de ces indicateurs ne sont pas encore saisies : ${names.join(', ')}${missing.length > 10 ? `, et ${missing.length - 10} autre(s)` : ''}. Saisissez-les dans « Suivi et évaluation » (ou importez-les d’un fichier CSV) pour le bilan annuel.`,
      projectId: project.id,
      seanceId: null,
    },
  ];
}

function bilanDue(deps: Deps, project: ProjectRecord, today: string): Reminder[] {
  const kind = bilanInstance[project.kind];
  const year = Number(today.slice(0, 4)) - 1;
  if (!kind || !project.organisationId || !project.period || year < project.period.startYear || year > project.period.endYear) return [];
  const instances = deps.store.instances.ofOrganisation(project.organisationId).filter((i) => i.kind === kind);
  if (instances.length === 0) return [];
  const seance = deps.store.seances
    .list({ instanceIds: instances.map((i) => i.id), from: today, to: addDays(today, bilanLeadDays) })
    .filter((s) => s.status !== 'cancelled')
    .sort((a, b) => a.date.localeCompare(b.date))[0];
  if (!seance) return [];
  const bilan = deps.store.followup.bilanFor(project.id, year);
  const presented = bilan !== undefined && deps.store.acts.ofProject(bilan.projectId).some((a) => a.kind === 'presentation');
  if (presented) return [];
  const instance = instances.find((i) => i.id === seance.instanceId)!;
  return [
    {
      userIds: projectCoordinatorIds(deps, project.id),
      dedupeKey: `bilan-due:${project.id}:${year}:${seance.id}`,
      kind: 'bilan_due',
      title: `Bilan annuel ${year} à présenter : ${instance.name}, séance du ${formatDateFr(seance.date)}`,
      body: `${bilan ? `Le bilan annuel ${year} de « ${project.title} » est établi mais pas encore présenté` : `Le bilan annuel ${year} de « ${project.title} » n’est pas encore établi`} : la prochaine séance (${instance.name}) a lieu le ${formatDateFr(seance.date)}. ${bilan ? 'Inscrivez-le à son ordre du jour.' : 'Établissez-le depuis « Suivi et évaluation », faites-le compléter, puis inscrivez-le à son ordre du jour.'}`,
      projectId: project.id,
      seanceId: seance.id,
    },
  ];
}

export function followupReminders(deps: Deps, now: Date): Reminder[] {
  const today = parisDate(now);
  const reminders: Reminder[] = [];
  for (const project of deps.store.projects.list()) {
    if (project.kind === 'BILAN' || deps.store.versions.list(project.id).length === 0) continue;
    let followup: ReturnType<typeof projectFollowup>;
    try {
      followup = projectFollowup(deps, project.id, now);
    } catch {
      continue; // Not adopted yet: nothing is followed.
    }
    reminders.push(...valuesDue(deps, project, followup, today), ...bilanDue(deps, project, today));
  }
  return reminders;
}
