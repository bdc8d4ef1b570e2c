import type { ReserveView } from '../../../../schemas/actReserves';
import { actKindLabels } from '../../../../schemas/governance';
import { api, request, type ProjectDetail } from '../../api';
import { h, type Child } from '../../dom';
import { hashFor } from '../../router';
import { createExportButtons } from '../../exports/exportButtons';
import { mountPage, type Page } from '../../ui/page';
import type { View } from '../view';
import { formatDay, formatInstant, formatInstantDay, longDay } from './dates';
import { changeLabel } from './diffModel';
import { gov, type Deadline, type Instance, type Timeline } from './govApi';
import { approvalMatrixView } from './approvalMatrix';
import { avenantButton } from './avenantAction';
import { pathPlannerForm, plannedDayLink } from './pathPlanner';
import { reservesSection } from './reservesSection';
import { govHash } from './routes';
import { assignLanes, deadlineStatusLabel, milestones, monthTicks, scaleFor, stepStatusLabel, whenText, type Milestone } from './timelineModel';
import { errorText, focusOn, focusTitleIfLost, isSessionGone, outcomeLabel, tag } from './ui';
import { createVersionsPanel, hasCarriedNotice } from './versionsPanel';

const statusSymbol: Record<Milestone['status'], string> = { done: '✓', planned: '◷', todo: '○' };

function gantt(timeline: Timeline): HTMLElement {
  const scale = scaleFor(timeline.range);
  const items = milestones(timeline);
  const dated = items.filter((m) => m.date !== null);
  const undated = items.filter((m) => m.date === null && m.required);
  const deadlines = timeline.deadlines;
  const positions = dated.map((m) => scale.pos(m.date!));
  const lanes = assignLanes(positions, 9);
  const deadlineLanes = assignLanes(
    deadlines.map((d) => scale.pos(d.date)),
    12,
    2,
  );
  const todayPos = scale.pos(timeline.today);
  const done = items.filter((m) => m.status === 'done').length;
  const planned = items.filter((m) => m.status === 'planned').length;
  const todo = items.filter((m) => m.status === 'todo' && m.required).length;
  const atRisk = deadlines.filter((d) => d.atRisk).length;
  const description =
    `Frise du ${formatDay(scale.from)} au ${formatDay(scale.to)} : ${done} étape(s) faite(s), ${planned} prévue(s), ${todo} obligatoire(s) à planifier` +
    `${atRisk ? `, ${atRisk} échéance(s) menacée(s)` : ''} ; aujourd’hui ${formatDay(timeline.today)}. Le détail figure dans le tableau des étapes ci-dessous.`;

  const lane = (n: number) => `${n * 2.6}rem`;
  return h(
    'figure',
    { class: 'gantt-figure' },
    h(
      'div',
      { class: 'gantt', role: 'img', 'aria-label': description, style: `--lanes:${Math.max(1, ...lanes.map((l) => l + 1))}` },
      h('div', { class: 'gantt-axis' }, ...monthTicks(scale).map((t) => h('span', { class: 'gantt-tick', style: `left:${t.pos}%` }, t.label))),
      h('div', { class: 'gantt-line' }),
      h('div', { class: 'gantt-today', style: `left:${todayPos}%` }, h('span', {}, `aujourd’hui (${formatDay(timeline.today)})`)),
      h(
        'div',
        { class: 'gantt-milestones' },
        ...dated.map((m, i) =>
          h(
            'div',
            {
              class: `gantt-milestone status-${m.status}${m.stale ? ' is-stale' : ''}${m.required ? '' : ' is-optional'}${positions[i]! > 70 ? ' align-end' : ''}`,
              style: `left:${positions[i]}%;top:${lane(lanes[i]!)}`,
              title: `${m.label} — ${stepStatusLabel[m.status]} ${whenText(m.date)}`,
              'data-status': m.status,
            },
            h('span', { class: 'gantt-dot' }, statusSymbol[m.status]),
            h('span', { class: 'gantt-label' }, `${m.label} (${formatDay(m.date!)}, ${stepStatusLabel[m.status]}${m.stale ? ', texte modifié depuis' : ''})`),
          ),
        ),
      ),
      h(
        'div',
        { class: 'gantt-deadlines' },
        ...deadlines.map((d, i) =>
          h(
            'div',
            {
              class: `gantt-deadline${d.atRisk ? ' at-risk' : ''} kind-${d.kind}${scale.pos(d.date) > 70 ? ' align-end' : ''}`,
              style: `left:${scale.pos(d.date)}%;top:${lane(deadlineLanes[i]!)}`,
              title: d.label,
            },
            h('span', { class: 'gantt-flag' }, d.atRisk ? '⚠' : '⚑'),
            h('span', { class: 'gantt-label' }, `${deadlineShort(d)} ${formatDay(d.date)}${d.atRisk ? ' — menacée' : ''}`),
          ),
        ),
      ),
    ),
    h(
      'figcaption',
      {},
      h('span', { class: 'legend' }, '✓ fait'),
      h('span', { class: 'legend' }, '◷ prévu'),
      h('span', { class: 'legend' }, '○ à faire'),
      h('span', { class: 'legend' }, '⚑ échéance'),
      h('span', { class: 'legend' }, '⚠ échéance menacée'),
      undated.length ? h('span', { class: 'legend' }, `${undated.length} étape(s) obligatoire(s) sans date : voir le tableau.`) : null,
    ),
  );
}

function deadlineShort(d: Deadline): string {
  return d.kind === 'transmission' ? 'Transmission ARS' : d.kind === 'tacit_approval' ? 'Approbation tacite' : 'Convocation';
}

function stepsTable(timeline: Timeline): HTMLElement {
  const actById = new Map(timeline.acts.map((a) => [a.id, a]));
  return h(
    'table',
    { class: 'gov-table steps-table' },
    h('caption', {}, 'Étapes du parcours d’approbation (version en cours)'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'Étape'),
        h('th', { scope: 'col' }, 'Statut'),
        h('th', { scope: 'col' }, 'Date'),
        h('th', { scope: 'col' }, 'Détail'),
        h('th', { scope: 'col' }, 'Base légale'),
      ),
    ),
    h(
      'tbody',
      {},
      ...timeline.steps.map((s) => {
        const act = s.doneBy ? actById.get(s.doneBy.actId) : undefined;
        const date = s.doneBy?.date ?? s.planned?.date ?? null;
        return h(
          'tr',
          { class: `step-${s.status}`, 'data-step-id': s.stepId, 'data-status': s.status },
          h('th', { scope: 'row' }, s.label, s.required ? null : h('span', { class: 'cell-sub' }, 'facultative')),
          h(
            'td',
            {},
            tag(
              `${statusSymbol[s.status]} ${stepStatusLabel[s.status]}`,
              s.status === 'done' ? 'ok' : s.status === 'planned' ? 'info' : s.required ? 'warn' : 'neutral',
            ),
            act?.stale ? h('span', {}, ' ', tag('texte modifié depuis', 'danger')) : null,
          ),
          h('td', {}, date ? formatDay(date) : '—'),
          h(
            'td',
            {},
            act
              ? `${actKindLabels[act.kind]}${act.outcome ? ` ${outcomeLabel(act.outcome)}` : ''} — ${act.instance.name}, version ${act.version.number}`
              : s.planned
                ? h('a', { href: govHash({ page: 'seance', seanceId: s.planned.seanceId }) }, `séance du ${formatDay(s.planned.date)}`)
                : s.ready
                  ? 'à inscrire à l’ordre du jour d’une séance'
                  : 'attend une étape précédente',
          ),
          h('td', {}, s.basis ?? '—'),
        );
      }),
    ),
  );
}

function actsTable(timeline: Timeline): HTMLElement {
  if (timeline.acts.length === 0) return h('p', { class: 'empty' }, 'Aucun acte enregistré pour ce projet.');
  return h(
    'table',
    { class: 'gov-table acts-table' },
    h('caption', {}, 'Actes enregistrés (toutes versions)'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'Date'),
        h('th', { scope: 'col' }, 'Acte'),
        h('th', { scope: 'col' }, 'Instance'),
        h('th', { scope: 'col' }, 'Résultat'),
        h('th', { scope: 'col' }, 'Version'),
        h('th', { scope: 'col' }, 'Texte'),
      ),
    ),
    h(
      'tbody',
      {},
      ...timeline.acts.map((a) =>
        h(
          'tr',
          { 'data-act-id': a.id, 'data-act-kind': a.kind },
          h('th', { scope: 'row' }, h('a', { href: govHash({ page: 'seance', seanceId: a.seance.id }) }, formatDay(a.seance.date))),
          h(
            'td',
            {},
            actKindLabels[a.kind],
            a.required || a.annulled ? null : h('span', { class: 'cell-sub' }, 'non requis par le parcours en vigueur'),
            a.annulled ? h('span', {}, ' ', tag('annulé', 'danger')) : null,
            a.aPosteriori
              ? h('span', { title: `Saisi par ${a.aPosteriori.by.name}, le ${formatInstant(a.aPosteriori.at)}` }, ' ', tag('saisi a posteriori', 'warn'))
              : null,
          ),
          h('td', {}, a.instance.name),
          h(
            'td',
            {},
            a.outcome ? outcomeLabel(a.outcome) : '—',
            a.votes ? h('span', { class: 'cell-sub' }, `${a.votes.pour} pour, ${a.votes.contre} contre, ${a.votes.abstention} abst.`) : null,
          ),
          h('td', {}, `version ${a.version.number}`),
          h('td', {}, a.stale ? tag('modifié depuis l’acte', 'danger') : tag('à jour', 'ok')),
        ),
      ),
    ),
  );
}

/**
 * Acts whose text changed since, grouped in one block (a PMP's members give a dozen avis on one
 * version: one warning, one list, the sections changed once), with what to do: consult again,
 * or, once the version finished its path, open an avenant (coordinators).
 */
function staleSection(projectId: string, timeline: Timeline, isCoordinator: boolean, onAvenant: () => void): HTMLElement | null {
  if (timeline.stale.length === 0) return null;
  const versions = [...new Map(timeline.stale.map((s) => [s.act.version.id, s.act.version.number])).entries()].sort((a, b) => a[1] - b[1]);
  const sections = new Map<string, { title: string; change: keyof typeof changeLabel }>();
  for (const s of timeline.stale) for (const c of s.changes.sections) sections.set(c.sectionId, { title: c.title, change: c.change });
  const n = timeline.stale.length;
  const latest = timeline.latestVersion;
  const avenantPossible = latest !== null && timeline.missing.length === 0;
  return h(
    'section',
    { class: 'stale-section', 'aria-labelledby': 'stale-heading' },
    h('h2', { id: 'stale-heading' }, 'Avis à renouveler'),
    h(
      'div',
      { class: 'alert alert-warning stale-group' },
      h(
        'p',
        {},
        h('strong', {}, `Texte modifié depuis ${n === 1 ? 'un acte' : `${n} actes`}. `),
        'Une nouvelle consultation des instances, ou un avenant, est nécessaire pour la version modifiée.',
      ),
      h(
        'ul',
        { class: 'stale-acts' },
        ...timeline.stale.map((s) =>
          h(
            'li',
            { class: 'stale-act', 'data-act-id': s.act.id },
            `${actKindLabels[s.act.kind]} — ${s.act.instance.name}${s.act.instance.organisationName ? ` (${s.act.instance.organisationName})` : ''}, séance du ${formatDay(s.act.seance.date)}, version ${s.act.version.number}`,
          ),
        ),
      ),
      sections.size
        ? h(
            'p',
            { class: 'stale-sections' },
            'Sections modifiées depuis : ',
            ...[...sections.values()].flatMap((c, i) => [
              i > 0 ? ', ' : '',
              `${c.title} `,
              tag(changeLabel[c.change], c.change === 'removed' ? 'danger' : 'warn'),
            ]),
            '.',
          )
        : null,
      h(
        'p',
        { class: 'stale-diffs' },
        ...versions.flatMap(([id, number], i) => [
          i > 0 ? ' · ' : '',
          h('a', { href: govHash({ page: 'diff', projectId, from: id, to: 'current' }) }, `Voir les différences depuis la version ${number}`),
        ]),
      ),
      avenantPossible && isCoordinator
        ? h('p', {}, avenantButton({ projectId, fromVersionId: latest.id, id: 'stale-avenant', onOpened: onAvenant }))
        : avenantPossible
          ? h('p', { class: 'form-hint' }, 'La version a achevé son parcours : un coordonnateur du projet peut ouvrir un avenant.')
          : null,
    ),
  );
}

function deadlinesSection(timeline: Timeline): HTMLElement {
  return h(
    'section',
    { class: 'deadlines-section', 'aria-labelledby': 'deadlines-heading' },
    h('h2', { id: 'deadlines-heading' }, 'Échéances'),
    timeline.deadlines.length === 0
      ? h('p', { class: 'empty' }, 'Aucune échéance : le coordonnateur peut fixer la date cible de transmission à l’ARS.')
      : h(
          'ul',
          { class: 'deadline-list' },
          ...timeline.deadlines.map((d) =>
            h(
              'li',
              { class: d.atRisk ? 'at-risk' : '', 'data-kind': d.kind },
              h('span', { class: 'deadline-date' }, formatDay(d.date)),
              ' — ',
              d.label,
              ' ',
              tag(deadlineStatusLabel[d.status], d.status === 'overdue' ? 'danger' : d.status === 'met' ? 'ok' : 'info'),
              d.atRisk ? h('span', {}, ' ', tag('menacée', 'danger', 'risk-badge')) : null,
              d.risk ? h('span', { class: 'cell-sub' }, d.risk) : null,
            ),
          ),
        ),
  );
}

function transmissionForm(projectId: string, current: string | null, onSaved: (message: string) => void): HTMLElement {
  const input = h('input', { type: 'date', id: 'transmission-due', value: current ?? '' });
  const status = h('span', { role: 'status', 'aria-live': 'polite', class: 'inline-status' });
  const submit = h('button', { type: 'submit', class: 'button button-tertiary' }, 'Enregistrer la date cible');
  const form = h(
    'form',
    { class: 'inline-form transmission-form' },
    h('div', { class: 'form-field' }, h('label', { for: 'transmission-due' }, 'Date cible de transmission à l’ARS'), input),
    submit,
    status,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    try {
      await fetchPut(projectId, input.value || null);
      onSaved(input.value ? `Date cible de transmission enregistrée : ${formatDay(input.value)}.` : 'Date cible de transmission retirée.');
    } catch (error) {
      if (!isSessionGone(error)) status.textContent = `Non enregistrée : ${errorText(error)}`;
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

function fetchPut(projectId: string, transmissionDue: string | null): Promise<void> {
  return request<void>('PUT', `/api/projects/${encodeURIComponent(projectId)}/governance`, { transmissionDue });
}

/** The project's approval calendar: Gantt-like line, steps table, acts, stale avis, versions. */
export function mountTimelinePage(main: HTMLElement, projectId: string): View {
  /** The day just planned with the planner: its acts form is one link away. */
  let plannedDay: string | null = null;
  /** A notice the versions panel carries over the rebuild: it keeps the focus. */
  let carried = false;

  const render = (
    project: ProjectDetail,
    timeline: Timeline,
    instances: Instance[],
    reserves: ReserveView[],
    announced: string | null,
    page: Page,
  ): Child[] => {
    carried = hasCarriedNotice();
    page.setTitle('Calendrier d’approbation', project.title);
    // The result of an action, announced (and focused) once the page is rebuilt.
    const reload = (notice?: string): void => page.reload({ notice });
    const exports = page.own(createExportButtons({ projectId, context: 'le texte actuel' }));
    const isCoordinator = project.role === 'coordinator';
    const versionsPanel = page.own(createVersionsPanel({ projectId, project, canFreeze: isCoordinator, onChanged: () => reload() }));
    const latest = timeline.latestVersion;
    return [
      h('p', { class: 'breadcrumb' }, h('a', { href: hashFor({ name: 'project', projectId, sectionId: null }) }, `Retour au projet « ${project.title} »`)),
      h('h1', { tabindex: '-1' }, 'Calendrier d’approbation'),
      h('p', { class: 'lead' }, project.title),
      h('p', { class: 'timeline-live seance-live', role: 'status', 'aria-live': 'polite' }, announced ?? ''),
      plannedDay ? plannedDayLink(plannedDay) : null,
      h(
        'p',
        { class: 'timeline-line' },
        timeline.line.number > 1 ? `${timeline.line.label} — ` : '',
        latest
          ? `Version en cours : version ${latest.number} « ${latest.label} », figée le ${formatInstantDay(latest.createdAt)}. ` +
              (latest.matchesCurrentText ? 'Le texte actuel est identique à cette version.' : 'Le texte a été modifié depuis.')
          : 'Aucune version figée : figez une version pour la présenter aux instances.',
      ),
      h(
        'section',
        { class: 'export-section', 'aria-labelledby': 'export-heading' },
        h('h2', { id: 'export-heading' }, 'Exporter le texte actuel'),
        exports.element,
      ),
      deadlinesSection(timeline),
      isCoordinator ? transmissionForm(projectId, timeline.deadlines.find((d) => d.kind === 'transmission')?.date ?? null, (message) => reload(message)) : null,
      staleSection(projectId, timeline, isCoordinator, () => reload('Avenant ouvert.')),
      h(
        'section',
        { class: 'timeline-section', 'aria-labelledby': 'timeline-heading' },
        h('h2', { id: 'timeline-heading' }, 'Frise du parcours'),
        h('p', { class: 'form-hint' }, `Du premier acte à la fin du parcours d’adoption. Aujourd’hui : ${longDay(timeline.today)}.`),
        gantt(timeline),
        timeline.missing.length
          ? h(
              'div',
              { class: 'missing-before-ars' },
              h('h3', {}, 'Étapes requises restant à accomplir'),
              h('ul', {}, ...timeline.missing.map((m) => h('li', {}, m))),
            )
          : h('p', { class: 'alert alert-info' }, 'Toutes les étapes requises du parcours d’adoption sont enregistrées.'),
        approvalMatrixView(timeline),
        stepsTable(timeline),
        pathPlannerForm({
          projectId,
          projectOrganisationId: project.organisationId,
          timeline,
          instances,
          onPlanned: (message, day) => {
            plannedDay = day;
            reload(message);
          },
        }),
        // Acts kept from an earlier reading of the law (or an optional step): said so, never hidden.
        timeline.notRequired.length
          ? h(
              'div',
              { class: 'not-required-acts' },
              h('h3', {}, 'Actes non requis par le parcours en vigueur'),
              h('ul', {}, ...timeline.notRequired.map((n) => h('li', {}, n.message))),
            )
          : null,
      ),
      h('section', { class: 'acts-section', 'aria-labelledby': 'acts-heading' }, h('h2', { id: 'acts-heading' }, 'Actes'), actsTable(timeline)),
      reservesSection(projectId, reserves),
      versionsPanel.element,
    ];
  };

  return mountPage(main, {
    title: 'Calendrier d’approbation',
    className: 'page gov-page timeline-page',
    loading: 'Chargement du calendrier du projet…',
    load: () =>
      Promise.all([
        api.project(projectId),
        gov.timeline(projectId),
        gov.instances().catch(() => [] as Instance[]),
        gov.reserves(projectId).catch(() => [] as ReserveView[]),
      ]),
    render: ([project, timeline, instances, reserves], page, { notice }) => render(project, timeline, instances, reserves, notice, page),
    focus: (root, { notice }) => {
      if (notice) focusOn(root.querySelector<HTMLElement>('.timeline-live')!);
      else if (!carried) focusTitleIfLost(root);
    },
  });
}
