/**
 * The editor's dates, pure (no DOM): days are `aaaa-mm-jj` in Europe/Paris as the API sends
 * them, shown `jj/mm/aaaa` (French usage); instants (ISO 8601) are shown in Paris time, whatever
 * the device's time zone. "Today" is the Paris day: due dates and séances are Paris days.
 */

const dayPattern = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDay(value: string): boolean {
  const m = dayPattern.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** "2027-03-09" → "09/03/2027"; anything else is returned as is. */
export function formatDay(iso: string): string {
  const m = dayPattern.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** "09/03/2027" (or "9/3/2027") → "2027-03-09"; null when it is not a real date. */
export function parseFrenchDay(text: string): string | null {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text);
  if (!m) return null;
  const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return isIsoDay(iso) ? iso : null;
}

const parisParts = (instant: Date, withTime: boolean): Record<string, string> => {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' as const } : {}),
  }).formatToParts(instant);
  return Object.fromEntries(parts.map((p) => [p.type, p.value]));
};

/** The Paris calendar day of an instant, `aaaa-mm-jj`. */
export function parisDay(instant: Date | string = new Date()): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  const p = parisParts(date, false);
  return `${p.year}-${p.month}-${p.day}`;
}

/** An instant (ISO 8601) as "jj/mm/aaaa à HH:MM" in Paris; the text as is when unreadable. */
export function formatInstant(value: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const p = parisParts(date, true);
  return `${p.day}/${p.month}/${p.year} à ${p.hour}:${p.minute}`;
}

/** An instant (ISO 8601) as "jj/mm/aaaa" in Paris. */
export function formatInstantDay(value: string): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : formatDay(parisDay(date));
}

/** The current year in Paris (a project's first year is offered from it). */
export function parisYear(now: Date = new Date()): number {
  return Number(parisDay(now).slice(0, 4));
}

/** An instant as "jj/mm/aaaa HH:MM" in Paris, for dense lists (the bin, the review panel). */
export function formatInstantCompact(value: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const p = parisParts(date, true);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

/** A calendar month (`month` 1–12). */
export interface Month {
  year: number;
  month: number;
}

/** A day `aaaa-mm-jj` as a UTC date: calendar arithmetic never meets a local midnight or a time change. */
export function utcDay(iso: string): Date {
  const m = dayPattern.exec(iso);
  if (!m) throw new Error(`date invalide : ${iso}`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

/** Monday = 0 … Sunday = 6. */
export function weekdayOf(iso: string): number {
  return (utcDay(iso).getUTCDay() + 6) % 7;
}

export const weekdayNames = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'] as const;
export const weekdayShort = ['lun.', 'mar.', 'mer.', 'jeu.', 'ven.', 'sam.', 'dim.'] as const;
export const monthNames = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'] as const;

/** "mars 2027". */
export function monthTitle(m: Month): string {
  return `${monthNames[m.month - 1]} ${m.year}`;
}

/** "mardi 9 mars 2027" (for screen readers and headings). */
export function longDay(iso: string): string {
  const m = dayPattern.exec(iso);
  if (!m) return iso;
  const day = Number(m[3]);
  return `${weekdayNames[weekdayOf(iso)]} ${day === 1 ? '1er' : day} ${monthNames[Number(m[2]) - 1]} ${m[1]}`;
}

/** "14:00 – 17:00", "à partir de 14:00", or "horaire non précisé". */
export function timeRange(start: string | null, end: string | null): string {
  if (start && end) return `${start} – ${end}`;
  if (start) return `à partir de ${start}`;
  return 'horaire non précisé';
}
