/**
 * Calendar arithmetic in Europe/Paris, where every séance, deadline and date shown to users
 * lives. Dates are `YYYY-MM-DD` strings (a day in Paris), times `HH:MM` (wall clock in Paris).
 */
export const parisTimeZone = 'Europe/Paris';

let dateParts: Intl.DateTimeFormat | undefined;
// Made on first use, not at start-up: the ICU locale and time-zone data it reads are pages of
// the Node binary, about 6 MiB of an idle server's RSS.
const datePartsFormat = (): Intl.DateTimeFormat =>
  (dateParts ??= new Intl.DateTimeFormat('en-CA', {
    timeZone: parisTimeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }));

function parisFields(instant: Date): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number> {
  const out: Record<string, number> = {};
  for (const part of datePartsFormat().formatToParts(instant)) if (part.type !== 'literal') out[part.type] = Number(part.value);
  return out as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** The day it is in Paris at this instant. */
export function parisDate(instant: Date): string {
  const f = parisFields(instant);
  return `${pad(f.year, 4)}-${pad(f.month)}-${pad(f.day)}`;
}

/** Minutes Paris is ahead of UTC at this instant (60 in winter, 120 in summer). */
function parisOffsetMinutes(instant: Date): number {
  const f = parisFields(instant);
  const asUtc = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** The instant of a Paris wall-clock date and time (the later one when a time is ambiguous). */
export function parisToInstant(date: string, time = '00:00'): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const naive = Date.UTC(y, m - 1, d, hh, mm);
  // Two passes converge across the DST switch.
  let guess = naive - parisOffsetMinutes(new Date(naive)) * 60_000;
  guess = naive - parisOffsetMinutes(new Date(guess)) * 60_000;
  return new Date(guess);
}

export function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** Calendar months later; a day that does not exist (31 → 30 April) falls on the month's last day. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const monthIndex = m - 1 + months;
  const year = y + Math.floor(monthIndex / 12);
  const month = ((monthIndex % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${pad(year, 4)}-${pad(month + 1)}-${pad(Math.min(d, lastDay))}`;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** `jj/mm/aaaa`, as French users read dates. */
export function formatDateFr(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

/** `jj/mm/aaaa à HHhMM` when a time is known. */
export function formatDateTimeFr(date: string, time: string | null): string {
  return time ? `${formatDateFr(date)} à ${time.replace(':', 'h')}` : formatDateFr(date);
}
