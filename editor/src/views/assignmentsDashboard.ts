import { api, type Assignment } from '../api';
import { groupAssignments, type AssignmentGroup } from '../assignmentGroups';
import { h } from '../dom';
import { statusLabel } from '../labels';
import { hashFor } from '../router';
import { mountPage } from '../ui/page';
import { projectSubPageShell } from './projectSubPage';
import type { View } from './view';
import { formatDay } from '../ui/dates';

function dueCell(row: Assignment): HTMLTableCellElement {
  if (!row.dueDate) return h('td', { class: 'due-none' }, 'aucune');
  return h(
    'td',
    { class: row.overdue ? 'due overdue' : 'due' },
    formatDay(row.dueDate),
    // Not by colour only (RGAA 3.1): the word says it.
    row.overdue ? h('span', { class: 'overdue-badge' }, 'en retard') : null,
  );
}

function groupSection(projectId: string, group: AssignmentGroup, index: number): HTMLElement {
  const headingId = `personne-${index}`;
  const title = group.person ? group.person.name : 'Sections non attribuées';
  const overdue = group.rows.filter((r) => r.overdue).length;
  return h(
    'section',
    { class: 'assignment-group', 'aria-labelledby': headingId, 'data-person-id': group.person?.id ?? '' },
    h('h2', { id: headingId }, title),
    h(
      'p',
      { class: 'assignment-summary' },
      group.rows.length === 1 ? '1 section' : `${group.rows.length} sections`,
      overdue > 0 ? h('span', { class: 'overdue-badge' }, overdue === 1 ? '1 en retard' : `${overdue} en retard`) : null,
    ),
    h(
      'table',
      { class: 'assignment-table' },
      h('caption', { class: 'sr-only' }, `Sections : ${title}`),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Section'), h('th', { scope: 'col' }, 'Statut'), h('th', { scope: 'col' }, 'Échéance'))),
      h(
        'tbody',
        {},
        ...group.rows.map((row) =>
          h(
            'tr',
            { 'data-section-id': row.sectionId, class: row.overdue ? 'is-overdue' : null },
            h(
              'th',
              { scope: 'row' },
              h('a', { href: hashFor({ name: 'project', projectId, sectionId: row.sectionId }) }, `${row.number} ${row.title}`),
              row.mandatory ? h('span', { class: 'mandatory-badge' }, 'obligatoire') : null,
              row.locked ? h('span', { class: 'locked-badge' }, 'verrouillée') : null,
            ),
            h('td', {}, h('span', { class: `status-badge status-${row.status}` }, statusLabel[row.status])),
            dueCell(row),
          ),
        ),
      ),
    ),
  );
}

/** "Qui doit quoi, pour quand": the project's sections grouped by the people they are assigned to. */
export function mountAssignmentsDashboard(main: HTMLElement, projectId: string): View {
  const projectLine = h('p', { class: 'lead' });
  return mountPage(main, {
    title: 'Qui doit quoi, pour quand',
    className: 'assignments-body',
    loading: 'Chargement des attributions…',
    shell: (body) => projectSubPageShell({ projectId, title: 'Qui doit quoi, pour quand', className: 'assignments-page', projectLine, body }),
    load: () => Promise.all([api.project(projectId), api.assignments(projectId)]),
    render: ([project, rows], page) => {
      page.setTitle('Qui doit quoi, pour quand', project.title);
      projectLine.textContent = project.title;
      const groups = groupAssignments(rows);
      const overdue = rows.filter((r) => r.overdue).length;
      const assigned = rows.filter((r) => r.assignees.length > 0).length;
      return [
        h(
          'p',
          { class: 'assignments-overview' },
          `${rows.length} sections, dont ${assigned} ${assigned > 1 ? 'attribuées' : 'attribuée'} : `,
          overdue > 0 ? h('span', { class: 'overdue-badge' }, overdue === 1 ? '1 en retard' : `${overdue} en retard`) : 'aucune en retard.',
        ),
        ...groups.map((group, index) => groupSection(projectId, group, index)),
      ];
    },
  });
}
