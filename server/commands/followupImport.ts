import type { ValueImportLine, ValueImportReport } from '../../schemas/api/followup';
import { plain } from '../../schemas/indicatorUnits';
import type { Deps } from '../deps';
import { DomainError } from '../errors';
import { parisDate } from '../governance/parisTime';
import type { FrozenIndicator } from '../queries/followup';
import type { UserRecord } from '../store/users';
import { parseCsv } from './csv';
import { adoptedPlan, checkYear, readValue, writeValue } from './followup';

/** Lines one import may carry (a PMP rarely has more than a few hundred indicators). */
export const maxValueLines = 1000;

type Column = 'indicator' | 'value' | 'date' | 'source' | 'comment';

/** Column names accepted in the header line (lower case, without accents). */
const headers: Record<string, Column> = {
  id: 'indicator',
  identifiant: 'indicator',
  indicateur: 'indicator',
  indicator: 'indicator',
  valeur: 'value',
  value: 'value',
  date: 'date',
  'date de mesure': 'date',
  source: 'source',
  commentaire: 'comment',
  comment: 'comment',
};

/** A French date (jj/mm/aaaa) or an ISO day, as a spreadsheet writes it, to yyyy-mm-dd. */
function isoDay(text: string): string {
  const fr = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  return fr ? `${fr[3]}-${fr[2]!.padStart(2, '0')}-${fr[1]!.padStart(2, '0')}` : text.trim();
}

/**
 * The values of one year from a CSV file (header line: indicateur;valeur;date;source;commentaire,
 * the indicator named by its identifier or its exact name): a report line by line of what is
 * recorded and what is refused and why; with `apply`, the valid lines recorded one by one as
 * `PUT …/values/:year` does (same checks, same rights, same audit).
 */
export function importIndicatorValues(
  deps: Deps,
  user: UserRecord,
  projectId: string,
  input: { year: number; csv: string; apply: boolean },
  now = new Date(),
): ValueImportReport {
  const plan = adoptedPlan(deps, user, projectId);
  const today = parisDate(now);
  checkYear(plan.period, input.year, today);
  const rows = parseCsv(input.csv);
  const [head, ...lines] = rows;
  const columns = (head?.cells ?? []).map((c) => headers[plain(c)]);
  if (!columns.includes('indicator') || !columns.includes('value')) {
    throw new DomainError('invalid', 'validation_failed', 'Données invalides (corps).', [
      { path: 'csv', message: 'La première ligne doit nommer au moins les colonnes « indicateur » et « valeur ».' },
    ]);
  }
  if (lines.length > maxValueLines) {
    throw new DomainError('invalid', 'validation_failed', 'Données invalides (corps).', [
      { path: 'csv', message: `${maxValueLines} lignes au plus par import.` },
    ]);
  }
  const byLabel = new Map<string, FrozenIndicator[]>();
  for (const indicator of plan.indicators.values()) byLabel.set(plain(indicator.label), [...(byLabel.get(plain(indicator.label)) ?? []), indicator]);
  const seen = new Set<string>();
  const report: ValueImportLine[] = [];
  for (const row of lines) {
    const cell = (column: Column): string => (row.cells[columns.indexOf(column)] ?? '').trim();
    const named = cell('indicator');
    const reasons: string[] = [];
    const sameName = byLabel.get(plain(named)) ?? [];
    const indicator = plan.indicators.get(named) ?? (sameName.length === 1 ? sameName[0] : undefined);
    if (!indicator)
      reasons.push(sameName.length > 1 ? 'Plusieurs indicateurs portent ce nom : utilisez son identifiant.' : 'Indicateur inconnu dans la version adoptée.');
    else if (seen.has(indicator.id)) reasons.push('Indicateur déjà présent plus haut dans le fichier.');
    else if (!deps.policy.can(user, { action: 'followup.write', projectId, piloted: indicator })) {
      reasons.push('Vous n’êtes ni pilote de cette fiche-action ni coordonnateur du projet.');
    }
    let entry: ReturnType<typeof readValue> | undefined;
    if (indicator && reasons.length === 0) {
      try {
        const date = cell('date');
        entry = readValue(
          indicator,
          input.year,
          { value: cell('value'), date: date ? isoDay(date) : null, source: cell('source'), comment: cell('comment') },
          today,
        );
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        reasons.push(...(error.fields ?? []).map((f) => `${columnFr[f.path as Column] ?? f.path} : ${f.message}`));
      }
    }
    if (indicator) seen.add(indicator.id);
    if (input.apply && indicator && entry && reasons.length === 0) writeValue(deps, user, projectId, plan.versionId, indicator, input.year, entry, 'import');
    report.push({
      line: row.line,
      indicator: named,
      indicatorId: indicator?.id ?? null,
      value: cell('value'),
      status: reasons.length === 0 ? 'ok' : 'refused',
      reasons,
    });
  }
  return { year: input.year, lines: report };
}

const columnFr: Partial<Record<Column, string>> = { value: 'valeur', date: 'date', source: 'source', comment: 'commentaire' };
