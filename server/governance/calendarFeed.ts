import { actKindLabels } from '../../schemas/governance';
import type { Deps } from '../deps';
import type { UserRecord } from '../store/users';
import { renderCalendar, type CalendarEvent } from './ics';
import { formatDateFr, parisDate } from './parisTime';
import { seanceView, type SeanceView } from './seanceView';
import { visibleSeances, type SeanceQuery } from './visibility';

/** The UID of a séance's event: stable, so a moved séance updates in the calendar client. */
export const seanceUid = (seanceId: string): string => `seance-${seanceId}@pmp-workbench`;

function seanceEvent(s: SeanceView, updatedAt: string, publicUrl?: string): CalendarEvent {
  const agenda = s.agenda.map((item) => {
    const version = item.version ? ` — version ${item.version.number} « ${item.version.label} »` : '';
    return `• ${item.project.title} : ${actKindLabels[item.act]}${version}`;
  });
  const convocation = s.convocation.sentOn
    ? `Convocation envoyée le ${formatDateFr(s.convocation.sentOn)}.`
    : s.convocation.deadline
      ? `Convocation à envoyer au plus tard le ${formatDateFr(s.convocation.deadline)}.`
      : '';
  return {
    uid: seanceUid(s.id),
    date: s.date,
    startTime: s.startTime,
    endTime: s.endTime,
    summary: `${s.instance.name} — ${s.instance.organisationName}`,
    description: [agenda.length > 0 ? 'Ordre du jour :' : 'Ordre du jour à compléter.', ...agenda, convocation].filter(Boolean).join('\n'),
    location: s.place,
    status: s.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
    updatedAt,
    ...(publicUrl ? { url: `${publicUrl}/#/seances/${s.id}` } : {}),
  };
}

/** The iCalendar feed of the séances a user may see (optionally one organisation or instance). */
export function calendarFor(deps: Deps, user: UserRecord, query: SeanceQuery, name: string, now = new Date()): string {
  const today = parisDate(now);
  const events = visibleSeances(deps, user, query).map(({ seance, instance }) =>
    seanceEvent(seanceView(deps, seance, instance, today), seance.updatedAt, deps.config.publicUrl),
  );
  return renderCalendar(name, events);
}
