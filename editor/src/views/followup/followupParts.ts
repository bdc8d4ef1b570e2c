import { trajectoryStatusLabels, type FollowupFiche, type FollowupIndicator, type FollowupView, type Rollup } from '../../../../schemas/api/followup';
import { formatIndicatorValue } from '../../../../schemas/indicatorUnits';
import { h } from '../../dom';
import { formatDay } from '../../ui/dates';

/** The status as a word next to its colour (RGAA 3.1: never by colour alone). */
export const statusBadge = (status: FollowupIndicator['status']): HTMLElement =>
  h('span', { class: `trajectory-badge trajectory-${status}`, 'data-status': status }, trajectoryStatusLabels[status]);

const dated = (v: { value: number; date: string } | null, indicator: FollowupIndicator, written: string): string =>
  v ? `${formatIndicatorValue(v.value, indicator.unit)} au ${formatDay(v.date)}` : written || 'non renseignée';

export { indicatorChartAlt as chartAlt } from '../../../../schemas/indicatorChartAlt';

export function indicatorSummary(indicator: FollowupIndicator): HTMLElement {
  return h(
    'p',
    { class: 'indicator-trajectory' },
    `Origine : ${dated(indicator.baseline, indicator, indicator.written.valeurOrigine)} → cible : ${dated(indicator.target, indicator, indicator.written.valeurCible)}`,
    indicator.expected !== null ? ` · attendu à la dernière mesure : ${formatIndicatorValue(Math.round(indicator.expected * 100) / 100, indicator.unit)}` : '',
  );
}

export function valuesTable(indicator: FollowupIndicator): HTMLElement {
  if (indicator.values.length === 0) return h('p', { class: 'empty' }, 'Aucune valeur saisie.');
  return h(
    'table',
    { class: 'values-table' },
    h('caption', { class: 'sr-only' }, `Valeurs annuelles : ${indicator.label}`),
    h('thead', {}, h('tr', {}, ...['Année', 'Valeur', 'Date de mesure', 'Source', 'Commentaire', 'Saisie par'].map((c) => h('th', { scope: 'col' }, c)))),
    h(
      'tbody',
      {},
      ...indicator.values.map((v) =>
        h(
          'tr',
          { 'data-year': String(v.year) },
          h('th', { scope: 'row' }, String(v.year)),
          h('td', {}, formatIndicatorValue(v.value, indicator.unit)),
          h('td', {}, v.date ? formatDay(v.date) : '—'),
          h('td', {}, v.source ?? '—'),
          h('td', {}, v.comment ?? '—'),
          h('td', {}, v.byName),
        ),
      ),
    ),
  );
}

/** Indicators by status and étapes, per filière or établissement. */
export function rollupTable(caption: string, firstColumn: string, rows: ({ id: string; name: string } & Rollup)[]): HTMLElement {
  const statuses = ['on_track', 'at_risk', 'off_track', 'no_data'] as const;
  return h(
    'table',
    { class: 'rollup-table' },
    h('caption', {}, caption),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, firstColumn),
        ...statuses.map((s) => h('th', { scope: 'col' }, trajectoryStatusLabels[s])),
        h('th', { scope: 'col' }, 'Étapes faites'),
        h('th', { scope: 'col' }, 'Étapes en retard'),
      ),
    ),
    h(
      'tbody',
      {},
      ...rows.map((row) =>
        h(
          'tr',
          { 'data-id': row.id },
          h('th', { scope: 'row' }, row.name || 'Sans nom'),
          ...statuses.map((s) => h('td', {}, String(row.indicators[s]))),
          h('td', {}, `${row.etapes.done} / ${row.etapes.total}`),
          h('td', {}, String(row.etapes.late)),
        ),
      ),
    ),
  );
}

export function etapeState(etape: FollowupFiche['etapes'][number]): string {
  if (etape.done) return etape.late ? `Faite le ${formatDay(etape.doneOn!)}, après l’échéance` : `Faite le ${formatDay(etape.doneOn!)}`;
  return etape.late ? 'En retard' : 'À venir';
}

export const versionLine = (view: FollowupView): string => `Version adoptée suivie : ${view.version.label} (version ${view.version.number}).`;
