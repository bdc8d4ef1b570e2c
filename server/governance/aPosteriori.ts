import { daysBetween } from './parisTime';

/**
 * "Saisi a posteriori": governance records entered after the fact stay possible (a secretary
 * migrating last year's history must be able to), but say so, with who and when, wherever they
 * are shown (timeline, séance, package bordereau, audit log).
 *
 * - A séance is a posteriori when it is created with a date already past (Paris day), or moved
 *   to one (else a séance planned in time and moved into the past would escape the mark).
 * - An act is a posteriori when it is recorded at such a séance, or more than
 *   `lateRecordingDays` after its séance (a PV is usually adopted at the next meeting; beyond a
 *   month the record is a reconstruction).
 * The flag is fixed when the record is written (migration 008 backfilled older ones).
 */
export const lateRecordingDays = 30;

export function seanceIsAPosteriori(seanceDate: string, today: string): boolean {
  return seanceDate < today;
}

export function actIsAPosteriori(seance: { date: string; aPosteriori: boolean }, today: string): boolean {
  return seance.aPosteriori || daysBetween(seance.date, today) > lateRecordingDays;
}
