import { actKindLabels, instanceKindLabels } from '../../schemas/governance';
import type { Deps } from '../deps';
import type { UserRecord } from '../store/users';
import { organisationConfig } from './organisationConfig';
import { daysBetween, formatDateFr, parisDate } from './parisTime';
import type { SecretaryDashboard } from '../../schemas/api/governanceViews';
import { seanceView } from './seanceView';
export type { SecretaryDashboard };
import { capitalize, instanceWithOrganisation } from './wording';

const horizonDays = 120;

/** What a secretary of instances has to do: next séances, convocations to send, acts to record. */
export function secretaryDashboard(deps: Deps, user: UserRecord, now = new Date()): SecretaryDashboard {
  const today = parisDate(now);
  const year = Number(today.slice(0, 4));
  const instances = deps.policy.can(user, { action: 'installation.administer' }) ? deps.store.instances.list() : deps.store.instances.ofSecretary(user.id);
  const ids = instances.map((i) => i.id);
  const byId = new Map(instances.map((i) => [i.id, i]));
  const seances = deps.store.seances.list({ instanceIds: ids }).filter((s) => s.status !== 'cancelled');
  const view = (s: (typeof seances)[number]) => seanceView(deps, s, byId.get(s.instanceId)!, today);

  const upcoming = seances.filter((s) => s.date >= today && daysBetween(today, s.date) <= horizonDays).map(view);
  const agendasNotSent = upcoming
    .filter((s) => !s.convocation.sentOn)
    .map((s) => ({
      seance: s,
      daysLeft: s.convocation.deadline ? daysBetween(today, s.convocation.deadline) : null,
      overdue: s.convocation.deadline !== null && today > s.convocation.deadline,
    }));
  const actsNotRecorded = seances
    .filter((s) => s.date < today)
    .map(view)
    .flatMap((s) =>
      s.agenda
        .filter((item) => item.recordedActId === null)
        .map((item) => ({
          seance: s,
          item,
          message: `${actKindLabels[item.act]} sur « ${item.project.title} » : séance du ${formatDateFr(s.date)} (${instanceWithOrganisation(s.instance.name, s.instance.organisationName)}), acte non enregistré.`,
        })),
    );

  return {
    today,
    instances: instances.map((instance) => {
      const minimum = organisationConfig(deps, instance.organisationId).minMeetingsPerYear[instance.kind] ?? null;
      const who = capitalize(instanceKindLabels[instance.kind]);
      return {
        id: instance.id,
        kind: instance.kind,
        name: instance.name,
        organisationId: instance.organisationId,
        organisationName: deps.store.organisations.get(instance.organisationId)?.name ?? '',
        minimumPerYear: minimum,
        meetings: [year, year + 1].map((y) => {
          const count = seances.filter((s) => s.instanceId === instance.id && s.date.startsWith(`${y}-`)).length;
          const warning =
            minimum !== null && count < minimum ? `${who} doit se réunir au moins ${minimum} fois par an : ${count} séance(s) prévue(s) en ${y}.` : null;
          return { year: y, count, warning };
        }),
      };
    }),
    nextSeances: upcoming,
    agendasNotSent,
    actsNotRecorded,
  };
}
