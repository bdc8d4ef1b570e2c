/**
 * The unit of an indicator, read from how its frozen row writes its values (docs/API.md,
 * « Unités des indicateurs »). An indicator row has no unit field: authors write « 85 % »,
 * « 12 jours », « 150 000 € » or « 0,8 » in the Valeur d'origine and Valeur cible columns, or
 * put the unit in the indicator's name (« Délai de rendez-vous (jours) »). The grammar:
 *
 *   valeur   := [comparateur] nombre [unité]      comparateur := ≥ ≤ > < = « au moins » …
 *   nombre   := [-] chiffres (espaces ou espaces fines entre milliers) [(,|.) chiffres]
 *   unité    := % | j | jour(s) | h | heure(s) | min | minute(s) | mois | an(s) | € | k€ | M€ | euro(s)
 *             | nombre | ratio | tout autre mot (patients, séjours, lits…: un dénombrement)
 *
 * The first column that names a unit wins (cible, then origine, then the name); a value with no
 * unit anywhere is a plain number. Each unit bounds what a yearly value may be.
 */

export const indicatorUnits = ['percent', 'days', 'hours', 'minutes', 'months', 'years', 'euros', 'count', 'ratio', 'number'] as const;
export type IndicatorUnit = (typeof indicatorUnits)[number];

/** How the unit reads after a value in French (« 85 % », « 12 j »…). */
export const unitSymbols: Record<IndicatorUnit, string> = {
  percent: '%',
  days: 'j',
  hours: 'h',
  minutes: 'min',
  months: 'mois',
  years: 'ans',
  euros: '€',
  count: '',
  ratio: '',
  number: '',
};

/** Text compared as people mean it: no accents, lower case, single spaces, trimmed. */
export const plain = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();

const wordUnits: [RegExp, IndicatorUnit][] = [
  [/^(%|pourcents?|pour cent)$/, 'percent'],
  [/^(j|jours?)$/, 'days'],
  [/^(h|heures?)$/, 'hours'],
  [/^(min|mn|minutes?)$/, 'minutes'],
  [/^mois$/, 'months'],
  [/^(ans?|annees?)$/, 'years'],
  [/^(\u20ac|k\u20ac|m\u20ac|euros?|keuros?|meuros?)$/, 'euros'],
  [/^ratio$/, 'ratio'],
  [/^(nombre|nb)$/, 'count'],
];

/** The multiplier a unit word carries (k€, M€). */
const multiplierOf = (word: string): number => (/^k/.test(word) ? 1_000 : /^m(\u20ac|euros?)$/.test(word) ? 1_000_000 : 1);

const comparator = /^(\u2265|\u2264|>=|<=|>|<|=|~|\u2248|environ|au moins|au plus|moins de|plus de|superieure? a|inferieure? a)\s*/;
const numberPart = /^([-+\u2212]?\d{1,3}(?:[\s\u00a0\u202f]\d{3})+|[-+\u2212]?\d+)(?:[.,](\d+))?/;

export interface ParsedValue {
  value: number;
  /** The unit the text names, or null when it is a bare number. */
  unit: IndicatorUnit | null;
}

/** A unit word alone (« % », « jours », « patients »), or null when it is not one. */
function unitOfWord(word: string): IndicatorUnit | null {
  const w = plain(word).replace(/[.()]/g, '').trim();
  if (w === '') return null;
  for (const [pattern, unit] of wordUnits) if (pattern.test(w)) return unit;
  // Any other single word after a number counts things: « 12 patients », « 3 lits ».
  return /^[a-z]+$/.test(w) ? 'count' : null;
}

/**
 * Reads « ≥ 85,5 % », « 1 200 € », « 12 jours », « 0,8 » as a number and its unit; null when
 * the text is not a number (« à établir », « en hausse »).
 */
export function parseIndicatorValue(text: string): ParsedValue | null {
  let rest = plain(text.replace(/[\u00a0\u202f]/g, ' '));
  rest = rest.replace(comparator, '');
  const match = numberPart.exec(rest);
  if (!match) return null;
  const integer = match[1]!.replace(/[\s\u00a0\u202f]/g, '').replace('−', '-');
  let value = Number(`${integer}${match[2] ? `.${match[2]}` : ''}`);
  const tail = rest.slice(match[0].length).trim();
  if (tail === '') return Number.isFinite(value) ? { value, unit: null } : null;
  const unit = unitOfWord(tail);
  if (!unit) return null;
  value *= multiplierOf(plain(tail));
  return Number.isFinite(value) ? { value, unit } : null;
}

/** The unit a name states in parentheses at its end: « Taux de chirurgie ambulatoire (%) ». */
function unitOfName(name: string): IndicatorUnit | null {
  const match = /\(([^()]*)\)\s*$/.exec(name);
  if (!match) return null;
  const inside = plain(match[1]!).replace(/^en\s+/, '');
  return unitOfWord(inside);
}

/** The unit of an indicator row: the first of target, baseline and name that states one. */
export function indicatorUnit(row: { valeurCible?: string; valeurOrigine?: string; indicateur?: string }): IndicatorUnit {
  return parseIndicatorValue(row.valeurCible ?? '')?.unit ?? parseIndicatorValue(row.valeurOrigine ?? '')?.unit ?? unitOfName(row.indicateur ?? '') ?? 'number';
}

/**
 * Why a value does not fit the unit (a French sentence), or null when it fits: a percentage
 * lies in 0–100, a count is a whole number, durations, amounts and ratios are not negative.
 */
export function unitViolation(unit: IndicatorUnit, value: number): string | null {
  if (!Number.isFinite(value)) return 'La valeur doit être un nombre.';
  if (unit === 'percent' && (value < 0 || value > 100)) return 'Un pourcentage est compris entre 0 et 100.';
  if (unit === 'count' && (!Number.isInteger(value) || value < 0)) return 'Un dénombrement est un nombre entier positif.';
  if (unit !== 'number' && unit !== 'percent' && value < 0) return 'Cette valeur ne peut pas être négative.';
  return null;
}

/**
 * A yearly value as a person types it (a number, or text such as « 85,5 » or « 85,5 % ») read
 * against the indicator's unit: the number, or a French sentence saying what is wrong.
 */
export function readYearlyValue(unit: IndicatorUnit, input: unknown): { value: number } | { error: string } {
  let parsed: ParsedValue | null = null;
  if (typeof input === 'number') parsed = { value: input, unit: null };
  else if (typeof input === 'string') parsed = parseIndicatorValue(input);
  if (!parsed) return { error: 'La valeur doit être un nombre (ex. 85,5).' };
  if (parsed.unit !== null && parsed.unit !== unit && !(unit === 'number' || unit === 'count' || unit === 'ratio')) {
    return { error: `L’unité ne correspond pas à celle de l’indicateur (${unitSymbols[unit] || 'nombre'}).` };
  }
  const violation = unitViolation(unit, parsed.value);
  return violation ? { error: violation } : { value: parsed.value };
}

/** A number in French (« 1 234,5 ») followed by its unit. */
export function formatIndicatorValue(value: number, unit: IndicatorUnit): string {
  const number = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 }).format(value);
  const symbol = unitSymbols[unit];
  return symbol ? `${number} ${symbol}` : number;
}
