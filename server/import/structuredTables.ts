import { modalities } from '../../schemas/modalities';
import { baselineToEstablish, type Etablissement, type IndicatorField } from '../../schemas/structured';
import { normaliseHeading, similarity } from './similarity';

export type IndicatorValues = Record<IndicatorField, string>;

/** Which indicator field a header cell names (« Valeur d’origine (date) » names the value and its date). */
function headerField(header: string): { field: IndicatorField; withDate: boolean } | null {
  const h = normaliseHeading(header);
  const withDate = /\bdate\b/.test(h);
  if (/\bindicateur/.test(h)) return { field: 'indicateur', withDate: false };
  if (/\bmethode|\bmode de calcul|\bconstruction/.test(h)) return { field: 'methode', withDate: false };
  if (/\bperiodicite|\bfrequence/.test(h)) return { field: 'periodicite', withDate: false };
  if (/\bsource/.test(h)) return { field: 'source', withDate: false };
  const origin = /\borigine|\binitial|\breference|\bdepart|\bactuel/.test(h);
  const target = /\bcible|\bobjectif|\battendu/.test(h);
  if (origin) return /\bvaleur/.test(h) || !withDate ? { field: 'valeurOrigine', withDate } : { field: 'dateOrigine', withDate: false };
  if (target) return /\bvaleur/.test(h) || !withDate ? { field: 'valeurCible', withDate } : { field: 'dateCible', withDate: false };
  if (/\becheance/.test(h)) return { field: 'dateCible', withDate: false };
  return null;
}

/** « 31/12/2027 » → 2027-12-31 (how the editor stores a date); anything else as written. */
function isoDate(text: string): string {
  const fr = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text.trim());
  return fr ? `${fr[3]}-${fr[2]}-${fr[1]}` : text.trim();
}

/** « 12 % (31/12/2027) » → value and date; « à établir, mesurée d’ici le 31/12/2026 » → à établir and its date. */
function splitValueDate(text: string): { value: string; date: string } {
  const toEstablish = /^à établir(?:, mesurée d’ici le (.+))?$/i.exec(text.trim());
  if (toEstablish) return { value: baselineToEstablish, date: isoDate(toEstablish[1] ?? '') };
  const dated = /^(.*?)\s*\(([^()]*)\)\s*$/.exec(text.trim());
  return dated ? { value: dated[1]!.trim(), date: isoDate(dated[2]!) } : { value: text.trim(), date: '' };
}

/**
 * Indicator rows from a table whose header names the indicator columns (indicateur, méthode,
 * valeur d’origine or initiale, cible; dates in their own columns or in the value's), or null
 * when the table is not one.
 */
export function indicatorRowsOf(grid: string[][]): IndicatorValues[] | null {
  const [header, ...body] = grid;
  if (!header || body.length === 0) return null;
  // A bare « Date » column dates the value column just before it.
  const columns = header.map(headerField).map((column, i, all) => {
    if (column || normaliseHeading(header[i]!) !== 'date') return column;
    const previous = all[i - 1]?.field;
    return previous === 'valeurOrigine'
      ? { field: 'dateOrigine' as const, withDate: false }
      : previous === 'valeurCible'
        ? { field: 'dateCible' as const, withDate: false }
        : null;
  });
  const fields = new Set(columns.map((c) => c?.field));
  if (!fields.has('indicateur') || !fields.has('valeurCible') || !(fields.has('valeurOrigine') || fields.has('methode'))) return null;
  const rows: IndicatorValues[] = [];
  for (const cells of body) {
    if (cells.every((c) => c === '')) continue;
    const row: IndicatorValues = {
      indicateur: '',
      methode: '',
      valeurOrigine: '',
      dateOrigine: '',
      valeurCible: '',
      dateCible: '',
      source: '',
      periodicite: '',
    };
    columns.forEach((column, i) => {
      const cell = (cells[i] ?? '').trim();
      // « — » is how the exports write an empty cell.
      const text = cell === '—' ? '' : cell;
      if (!column || !text) return;
      if (column.withDate) {
        const { value, date } = splitValueDate(text);
        row[column.field] = value;
        const dateField = column.field === 'valeurOrigine' ? 'dateOrigine' : 'dateCible';
        if (date && !row[dateField]) row[dateField] = date;
      } else if (column.field === 'dateOrigine' || column.field === 'dateCible') {
        row[column.field] = isoDate(text);
      } else {
        row[column.field] = text;
      }
    });
    rows.push(row);
  }
  return rows.length > 0 ? rows : null;
}

/** A filière's declination read from a table: modality rows × établissement columns. */
export interface MatrixTable {
  cells: { modalityId: string; etablissementId: string; text: string }[];
  /** Établissements of the header that match none of the document's. */
  unknownColumns: string[];
}

const matchThreshold = 0.75;

function bestMatch<T>(label: string, candidates: readonly T[], text: (c: T) => string[]): T | null {
  const l = normaliseHeading(label);
  let best: T | null = null;
  let score = 0;
  for (const candidate of candidates) {
    for (const t of text(candidate)) {
      const s = similarity(l, normaliseHeading(t));
      if (s > score) [best, score] = [candidate, s];
    }
  }
  return score >= matchThreshold ? best : null;
}

/** The modality a row label names: its letter (« a) … ») or its label. */
function modalityOf(label: string): string | null {
  const letter = /^\s*([a-h])\s*\)/i.exec(label);
  if (letter) return modalities.find((m) => m.letter === letter[1]!.toLowerCase())?.id ?? null;
  return bestMatch(label, modalities, (m) => [m.label, m.shortLabel])?.id ?? null;
}

/**
 * A filière matrix from a table shaped modality × établissement: at least half of the body rows
 * name a modality and at least one header cell an établissement of the document. Null otherwise.
 */
export function matrixOf(grid: string[][], etablissements: readonly Etablissement[]): MatrixTable | null {
  const [header, ...body] = grid;
  if (!header || header.length < 2 || body.length === 0 || etablissements.length === 0) return null;
  const columns = header.slice(1).map((label) => bestMatch(label, etablissements, (e) => [e.name]));
  const rowModalities = body.map((row) => modalityOf(row[0] ?? ''));
  if (!columns.some(Boolean) || rowModalities.filter(Boolean).length * 2 < body.length) return null;
  const cells: MatrixTable['cells'] = [];
  body.forEach((row, r) => {
    const modalityId = rowModalities[r];
    if (!modalityId) return;
    columns.forEach((etablissement, c) => {
      const text = (row[c + 1] ?? '').trim();
      if (etablissement && text && text !== '—') cells.push({ modalityId, etablissementId: etablissement.id, text });
    });
  });
  return { cells, unknownColumns: header.slice(1).filter((_, c) => !columns[c]) };
}
