/**
 * The calendar arithmetic of the governance views, pure (no DOM): days are `aaaa-mm-jj` in
 * Europe/Paris as the API sends them, and a day is never turned into a `Date` at local midnight:
 * arithmetic is done on UTC calendar days. How a date is shown is ui/dates.ts's.
 */

import { utcDay, weekdayOf, type Month } from '../../ui/dates';

export interface GridDay {
  iso: string;
  day: number;
  /** Belongs to the month shown (the grid also shows the ends of the weeks around it). */
  inMonth: boolean;
  /** 0 = Monday … 6 = Sunday. */
  weekday: number;
}

// Days, instants, months and weekdays as they are shown, and today in Paris: the editor's one date module.
export {
  formatDay,
  formatInstant,
  formatInstantDay,
  isIsoDay,
  longDay,
  monthNames,
  monthTitle,
  parisDay,
  parseFrenchDay,
  timeRange,
  weekdayNames,
  weekdayOf,
  weekdayShort,
  type Month,
} from '../../ui/dates';

const fromUtc = (d: Date): string => d.toISOString().slice(0, 10);

export function addDays(iso: string, days: number): string {
  const d = utcDay(iso);
  d.setUTCDate(d.getUTCDate() + days);
  return fromUtc(d);
}

/** Whole days from a to b (negative when b is before a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((utcDay(b).getTime() - utcDay(a).getTime()) / 86_400_000);
}

export function monthOf(iso: string): Month {
  const d = utcDay(iso);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1 };
}

export function shiftMonth(m: Month, delta: number): Month {
  const index = m.year * 12 + (m.month - 1) + delta;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

const pad = (n: number): string => String(n).padStart(2, '0');

export function monthKey(m: Month): string {
  return `${m.year}-${pad(m.month)}`;
}

/** "2027-03" → { year: 2027, month: 3 }; null otherwise. */
export function parseMonthKey(key: string): Month | null {
  const m = /^(\d{4})-(\d{2})$/.exec(key);
  if (!m) return null;
  const month = Number(m[2]);
  return month >= 1 && month <= 12 ? { year: Number(m[1]), month } : null;
}

export function daysInMonth(m: Month): number {
  return new Date(Date.UTC(m.year, m.month, 0)).getUTCDate();
}

/** First and last day of the month, inclusive. */
export function monthBounds(m: Month): { from: string; to: string } {
  return { from: `${m.year}-${pad(m.month)}-01`, to: `${m.year}-${pad(m.month)}-${pad(daysInMonth(m))}` };
}

/**
 * The weeks of a month as a calendar shows them in France: Monday first, from the Monday on or
 * before the 1st to the Sunday on or after the last day (4 to 6 rows of 7 days).
 */
export function monthGrid(m: Month): GridDay[][] {
  const { from, to } = monthBounds(m);
  const start = addDays(from, -weekdayOf(from));
  const end = addDays(to, 6 - weekdayOf(to));
  const weeks: GridDay[][] = [];
  for (let iso = start; iso <= end; iso = addDays(iso, 7)) {
    const week: GridDay[] = [];
    for (let i = 0; i < 7; i++) {
      const day = addDays(iso, i);
      week.push({ iso: day, day: Number(day.slice(8)), inMonth: day.slice(0, 7) === monthKey(m), weekday: i });
    }
    weeks.push(week);
  }
  return weeks;
}

/** First and last day the grid shows (to ask the API for every séance visible). */
export function gridBounds(m: Month): { from: string; to: string } {
  const weeks = monthGrid(m);
  return { from: weeks[0]![0]!.iso, to: weeks[weeks.length - 1]![6]!.iso };
}
