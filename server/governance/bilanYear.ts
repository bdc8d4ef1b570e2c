import type { Followup, FollowupEtape, FollowupIndicator } from '../../schemas/api/followup';
import { expectedValue, trajectoryStatus, valueDate } from './trajectory';

/**
 * The follow-up as it stood for a bilan's year: each indicator with the values up to that year
 * and its status from the latest of them; each fiche-action's étapes done during the year, and
 * those late on the year's last day (or today, for the current year) — due before and not done
 * by then.
 */
export interface BilanYear {
  year: number;
  /** The day the bilan's « late » is measured on: 31/12 of the year, or today within it. */
  asOf: string;
  indicators: FollowupIndicator[];
  fiches: { id: string; title: string; filiereId: string | null; done: FollowupEtape[]; late: FollowupEtape[]; total: number }[];
}

export function bilanYear(followup: Followup, year: number): BilanYear {
  const end = `${year}-12-31`;
  const asOf = followup.today < end ? followup.today : end;
  const indicators = followup.indicators.map((indicator) => {
    const values = indicator.values.filter((v) => v.year <= year);
    const last = values[values.length - 1];
    const latest = last ? { value: last.value, date: valueDate(last.year, last.date) } : null;
    const expected = latest && indicator.baseline && indicator.target ? expectedValue(indicator.baseline, indicator.target, latest.date) : null;
    return { ...indicator, values, status: trajectoryStatus(indicator.baseline, indicator.target, latest), expected };
  });
  const fiches = followup.fiches.map((fiche) => ({
    id: fiche.id,
    title: fiche.title,
    filiereId: fiche.filiereId,
    total: fiche.etapes.length,
    done: fiche.etapes.filter((e) => e.doneOn?.startsWith(`${year}-`) === true),
    late: fiche.etapes.filter((e) => e.due !== null && e.due < asOf && (e.doneOn === null || e.doneOn > asOf)),
  }));
  return { year, asOf, indicators, fiches };
}
