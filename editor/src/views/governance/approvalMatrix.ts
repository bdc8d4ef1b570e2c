import { actKindLabels, actOutcomeLabels, instanceKindLabels } from '../../../../schemas/governance';
import { h } from '../../dom';
import { formatDay } from './dates';
import type { Timeline } from './govApi';
import { govHash } from './routes';

/**
 * The approval path as a table: the instances (rows) × the établissements (columns, plus the
 * groupement's own steps), each cell the status of that act — done (with its date and outcome),
 * planned at a séance, to do, or not owed there. A PMP with three établissements reads at a
 * glance where a list of its steps was thousands of pixels long (issue 20).
 */

type Step = Timeline['steps'][number];

export interface MatrixRow {
  key: string;
  label: string;
  /** By column key (an établissement's id, or '' for the groupement). */
  cells: Map<string, Step[]>;
}

export interface ApprovalMatrix {
  columns: { key: string; name: string }[];
  rows: MatrixRow[];
}

const groupementColumn = '';
const withoutArticle = (label: string): string => label.replace(/^(la |le |les |l’|l')/, '');

/** « Avis · CME », « Délibération · conseil de surveillance ». */
export function rowLabel(step: Pick<Step, 'act' | 'instanceKinds'>): string {
  const act = actKindLabels[step.act];
  return `${act.charAt(0).toUpperCase()}${act.slice(1)} · ${step.instanceKinds.map((k) => withoutArticle(instanceKindLabels[k])).join(' ou ')}`;
}

/** Rows in the path's order (first appearance), columns as the timeline lists the établissements. */
export function approvalMatrix(timeline: Pick<Timeline, 'steps' | 'etablissements'>): ApprovalMatrix {
  const rows = new Map<string, MatrixRow>();
  let hasGroupement = false;
  for (const step of timeline.steps) {
    const key = `${step.act}|${step.instanceKinds.join('+')}`;
    const row = rows.get(key) ?? { key, label: rowLabel(step), cells: new Map<string, Step[]>() };
    const column = step.organisationId ?? groupementColumn;
    if (column === groupementColumn) hasGroupement = true;
    row.cells.set(column, [...(row.cells.get(column) ?? []), step]);
    rows.set(key, row);
  }
  const columns = [
    ...(hasGroupement ? [{ key: groupementColumn, name: 'Groupement' }] : []),
    ...timeline.etablissements.map((e) => ({ key: e.id, name: e.name })),
  ];
  return { columns, rows: [...rows.values()] };
}

const statusText: Record<Step['status'], string> = { done: 'fait', planned: 'prévu', todo: 'à faire' };

function cell(steps: Step[] | undefined, acts: Map<string, Timeline['acts'][number]>): HTMLTableCellElement {
  if (!steps || steps.length === 0)
    return h(
      'td',
      { class: 'matrix-cell matrix-none', 'data-status': 'none' },
      h('span', { 'aria-hidden': 'true' }, '—'),
      h('span', { class: 'sr-only' }, 'non requis'),
    );
  // A cell holds one step; two (an optional one beside a required one) show the most advanced.
  const order: Step['status'][] = ['done', 'planned', 'todo'];
  const step = [...steps].sort((a, b) => order.indexOf(a.status) - order.indexOf(b.status))[0]!;
  const act = step.doneBy ? acts.get(step.doneBy.actId) : undefined;
  const date = step.doneBy?.date ?? step.planned?.date ?? null;
  return h(
    'td',
    { class: `matrix-cell matrix-${step.status}`, 'data-status': step.status, 'data-step-id': step.stepId },
    h('span', { class: 'matrix-status' }, statusText[step.status]),
    date ? h('span', { class: 'matrix-date' }, ` le ${formatDay(date)}`) : null,
    act?.outcome ? h('span', { class: 'matrix-outcome' }, ` — ${actOutcomeLabels[act.outcome]}`) : null,
    act?.stale ? h('span', { class: 'matrix-stale' }, ' (texte modifié depuis)') : null,
    step.planned && step.status === 'planned'
      ? h('a', { class: 'matrix-seance', href: govHash({ page: 'seance', seanceId: step.planned.seanceId }) }, ' voir la séance')
      : null,
    step.required ? null : h('span', { class: 'matrix-optional' }, ' (facultatif)'),
  );
}

/** The table, in a frame that scrolls sideways by itself (the page never does, down to 360 px). */
export function approvalMatrixView(timeline: Timeline): HTMLElement | null {
  const matrix = approvalMatrix(timeline);
  if (matrix.rows.length === 0 || matrix.columns.length === 0) return null;
  const acts = new Map(timeline.acts.map((a) => [a.id, a]));
  const table = h(
    'table',
    { class: 'gov-table approval-matrix' },
    h('caption', { id: 'approval-matrix-caption' }, 'Parcours d’approbation par établissement et par instance (version en cours)'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Instance'), ...matrix.columns.map((c) => h('th', { scope: 'col', 'data-column': c.key }, c.name)))),
    h(
      'tbody',
      {},
      ...matrix.rows.map((row) =>
        h('tr', { 'data-row': row.key }, h('th', { scope: 'row' }, row.label), ...matrix.columns.map((c) => cell(row.cells.get(c.key), acts))),
      ),
    ),
  );
  return h(
    'section',
    { class: 'approval-matrix-section', 'aria-labelledby': 'approval-matrix-heading' },
    h('h3', { id: 'approval-matrix-heading' }, 'Tableau par établissement'),
    h('div', { class: 'table-scroll approval-matrix-scroll', role: 'region', 'aria-labelledby': 'approval-matrix-caption', tabindex: '0' }, table),
  );
}
