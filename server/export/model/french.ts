import type { ObjectiveLevel } from '../../../schemas/structured';

/**
 * Exports show French dates in Paris time, whatever the server's time zone. The formats are made
 * on first use: the ICU data they read is part of an idle server's RSS (governance/parisTime.ts).
 */
let formats: { date: Intl.DateTimeFormat; time: Intl.DateTimeFormat } | undefined;
const parisFormats = () =>
  (formats ??= {
    date: new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: '2-digit', month: '2-digit', year: 'numeric' }),
    time: new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' }),
  });

/** 'jj/mm/aaaa' in Europe/Paris. */
export function frenchDate(at: Date | string): string {
  return parisFormats().date.format(typeof at === 'string' ? new Date(at) : at);
}

/** 'jj/mm/aaaa à hh:mm' in Europe/Paris. */
export function frenchDateTime(at: Date | string): string {
  const date = typeof at === 'string' ? new Date(at) : at;
  return `${parisFormats().date.format(date)} à ${parisFormats().time.format(date)}`;
}

/**
 * A date field typed by a person: an ISO date (2027-12-31) becomes 31/12/2027; anything else
 * ('fin 2027', '31/12/2027') is kept as written.
 */
export function frenchDateField(value: string): string {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  return iso ? `${iso[3]}/${iso[2]}/${iso[1]}` : value.trim();
}

export const objectiveLevelLabels: Record<ObjectiveLevel, string> = {
  axe: 'Axe',
  strategique: 'Objectif stratégique',
  operationnel: 'Objectif opérationnel',
};

/** '2026–2030' when the title names a period of years, else null. */
export function periodOfTitle(title: string): string | null {
  const match = /\b((?:19|20)\d{2})\s*[-\u2013\u2014/\u00e0]+\s*((?:19|20)\d{2})\b/.exec(title);
  return match ? `${match[1]}–${match[2]}` : null;
}

/** 'valeur (date)', 'valeur' or '' — the way the indicator tables show a value and its date. */
export function valueWithDate(value: string, date: string): string {
  const v = value.trim();
  const d = frenchDateField(date);
  if (v && d) return `${v} (${d})`;
  return v || (d ? `(${d})` : '');
}
