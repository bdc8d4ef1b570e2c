import { addDays, parisTimeZone } from './parisTime';

/**
 * iCalendar (RFC 5545) for the governance calendar. The `ics` package writes floating or UTC
 * times only; séances are wall-clock times in Paris, so they are written with TZID and the
 * Europe/Paris VTIMEZONE (EU rules since 1996), which Outlook and Thunderbird both honour.
 */
export interface CalendarEvent {
  /** Stable across feeds and time: calendar clients update the event instead of duplicating it. */
  uid: string;
  date: string;
  startTime: string | null;
  endTime: string | null;
  summary: string;
  description: string;
  location: string;
  status: 'CONFIRMED' | 'CANCELLED' | 'TENTATIVE';
  /** ISO instant of the last change (DTSTAMP and LAST-MODIFIED). */
  updatedAt: string;
  url?: string;
}

const defaultDurationMinutes = 120;

const parisTimezone = [
  'BEGIN:VTIMEZONE',
  `TZID:${parisTimeZone}`,
  `X-LIC-LOCATION:${parisTimeZone}`,
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

/**
 * TEXT value escaping (RFC 5545 §3.3.11). Every line break (CRLF, LF and a bare CR, which
 * stricter parsers take as the end of the line and so as the start of injected properties)
 * becomes the escape `\n`; other control characters, which TEXT does not allow, are dropped.
 */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
}

/** Folds a content line at 75 octets without splitting a UTF-8 character (§3.1). */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let bytes = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch);
    const limit = parts.length === 0 ? 75 : 74; // continuation lines start with a space
    if (bytes + size > limit) {
      parts.push(current);
      current = '';
      bytes = 0;
    }
    current += ch;
    bytes += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const compactDate = (date: string): string => date.replace(/-/g, '');
const localDateTime = (date: string, time: string): string => `${compactDate(date)}T${time.replace(':', '')}00`;
const utcStamp = (iso: string): string => `${iso.slice(0, 19).replace(/[-:]/g, '')}Z`;

function endOf(date: string, start: string, end: string | null): { date: string; time: string } {
  if (end && end > start) return { date, time: end };
  const [h, m] = start.split(':').map(Number) as [number, number];
  const total = h * 60 + m + defaultDurationMinutes;
  const pad = (n: number) => String(n).padStart(2, '0');
  return { date: total >= 1440 ? addDays(date, 1) : date, time: `${pad(Math.floor((total % 1440) / 60))}:${pad(total % 60)}` };
}

function eventLines(event: CalendarEvent): string[] {
  const lines = ['BEGIN:VEVENT', `UID:${event.uid}`, `DTSTAMP:${utcStamp(event.updatedAt)}`, `LAST-MODIFIED:${utcStamp(event.updatedAt)}`];
  if (event.startTime) {
    const end = endOf(event.date, event.startTime, event.endTime);
    lines.push(`DTSTART;TZID=${parisTimeZone}:${localDateTime(event.date, event.startTime)}`);
    lines.push(`DTEND;TZID=${parisTimeZone}:${localDateTime(end.date, end.time)}`);
  } else {
    lines.push(`DTSTART;VALUE=DATE:${compactDate(event.date)}`, `DTEND;VALUE=DATE:${compactDate(addDays(event.date, 1))}`);
  }
  lines.push(`SUMMARY:${escapeText(event.summary)}`);
  if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
  if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
  if (event.url) lines.push(`URL:${event.url}`);
  lines.push(`STATUS:${event.status}`, 'TRANSP:OPAQUE', 'END:VEVENT');
  return lines;
}

/** A whole VCALENDAR, CRLF-terminated lines, folded. */
export function renderCalendar(name: string, events: CalendarEvent[]): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Atelier PMP//Calendrier des instances//FR',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(name)}`,
    `X-WR-TIMEZONE:${parisTimeZone}`,
    ...parisTimezone,
    ...events.flatMap(eventLines),
    'END:VCALENDAR',
  ];
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
