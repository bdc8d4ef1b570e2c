import { formatDateFr, parisDate } from '../governance/parisTime';
import { DomainError } from '../errors';
import type { SeanceRecord } from '../store/seances';
import type { UserRecord } from '../store/users';
import type { Deps } from '../deps';
import { auditWithProjects, hasActs, managedSeance } from './seances';

/**
 * Records that the convocation and agenda went out (today in Paris unless a date is given). The
 * date is a fact the convocation rule is checked against, so it is bounded: not after today nor
 * after the séance, not before the séance was planned (its creation day) unless the séance was
 * entered a posteriori, and fixed once acts are recorded (409 `seance_has_acts`).
 */
export function markConvocationSent(deps: Deps, user: UserRecord, seanceId: string, sentOn?: string, now = new Date()): SeanceRecord {
  const { seance } = managedSeance(deps, user, seanceId);
  if (hasActs(deps, seanceId)) {
    throw new DomainError(
      'conflict',
      'seance_has_acts',
      'Des actes sont enregistrés pour cette séance : la date d’envoi de sa convocation ne peut plus changer.',
    );
  }
  const today = parisDate(now);
  const date = sentOn ?? today;
  const plannedOn = parisDate(new Date(seance.createdAt));
  const problem =
    date > today
      ? 'La date d’envoi ne peut pas être dans le futur.'
      : date > seance.date
        ? `La convocation part avant la séance (le ${formatDateFr(seance.date)} au plus tard).`
        : !seance.aPosteriori && date < plannedOn
          ? `La séance a été planifiée le ${formatDateFr(plannedOn)} : sa convocation ne peut être partie avant.`
          : null;
  if (problem) throw new DomainError('invalid', 'validation_failed', 'Données invalides (corps).', [{ path: 'sentOn', message: problem }]);
  const next = { ...seance, convocationSentOn: date };
  deps.store.transaction(() => {
    deps.store.seances.update(next);
    auditWithProjects(deps, user, 'seance.convocation', seance, {
      date: seance.date,
      sentOn: date,
      previous: seance.convocationSentOn,
      aPosteriori: seance.aPosteriori,
    });
  });
  return next;
}
