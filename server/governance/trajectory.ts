import type { DatedValue, TrajectoryStatus } from '../../schemas/api/followup';

/**
 * Where an indicator stands against its trajectory (docs/GOVERNANCE.md, « Suivi des
 * indicateurs »). The expected value moves in a straight line from the dated baseline to the
 * dated target, and stays at the target after its date:
 *
 *   expected(t) = origine + (cible − origine) × min(1, max(0, (t − date d'origine) / (date cible − date d'origine)))
 *
 * The latest yearly value (the greatest year; dated by its date, else 31 December of its year)
 * is compared with expected(t) in the direction of the target (up when the target is above the
 * baseline, down when below): `on_track` when it reached expected(t) or went beyond; `at_risk`
 * when it falls short by no more than the tolerance, 10 % of |cible − origine|; `off_track`
 * beyond. A target equal to the baseline (keep a level) has no direction: on track exactly at
 * it, at risk within 10 % of |cible| on either side, off track beyond. `no_data` when there is no
 * value yet, or the baseline or the target is not a dated number.
 */

/** The share of |cible − origine| a value may fall short of the trajectory and be « à surveiller ». */
export const trajectoryTolerance = 0.1;

/** The rule, as the follow-up screen and the bilan print it. */
export const trajectoryRuleFr =
  'Trajectoire linéaire entre la valeur d’origine (à sa date) et la valeur cible (à sa date). La dernière valeur saisie est comparée à la valeur attendue à sa date, dans le sens de la cible : « en bonne voie » si elle l’atteint ou la dépasse, « à surveiller » si l’écart ne dépasse pas 10 % de l’écart entre origine et cible, « en retard » au-delà. « Sans donnée » : aucune valeur saisie, ou origine ou cible non chiffrée ou non datée.';

const dayMs = 86_400_000;
const dayOf = (iso: string): number => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / dayMs;

/** The value the trajectory expects on `date`. */
export function expectedValue(baseline: DatedValue, target: DatedValue, date: string): number {
  const span = dayOf(target.date) - dayOf(baseline.date);
  if (span <= 0) return target.value;
  const share = Math.min(1, Math.max(0, (dayOf(date) - dayOf(baseline.date)) / span));
  return baseline.value + (target.value - baseline.value) * share;
}

/** The status of `latest` (the latest yearly value) on the trajectory from `baseline` to `target`. */
export function trajectoryStatus(baseline: DatedValue | null, target: DatedValue | null, latest: DatedValue | null): TrajectoryStatus {
  if (!baseline || !target || !latest) return 'no_data';
  const expected = expectedValue(baseline, target, latest.date);
  const direction = Math.sign(target.value - baseline.value);
  if (direction === 0) {
    const tolerance = trajectoryTolerance * Math.abs(target.value);
    const gap = Math.abs(latest.value - target.value);
    return gap === 0 ? 'on_track' : gap <= tolerance ? 'at_risk' : 'off_track';
  }
  // Positive when ahead of the trajectory, in the direction of the target. The rounding keeps
  // a value typed with two decimals from missing by a floating-point hair.
  const ahead = Math.round(direction * (latest.value - expected) * 1e9) / 1e9;
  if (ahead >= 0) return 'on_track';
  const tolerance = trajectoryTolerance * Math.abs(target.value - baseline.value);
  return -ahead <= tolerance + 1e-9 ? 'at_risk' : 'off_track';
}

/** A yearly value's date for the trajectory: its own, else the year's last day. */
export const valueDate = (year: number, date: string | null): string => date ?? `${year}-12-31`;
