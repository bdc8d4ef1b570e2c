import { h, srOnly } from '../../dom';
import type { View } from '../view';
import { createCalendarFeedPanel } from './calendarFeed';
import {
  formatDay,
  gridBounds,
  longDay,
  monthBounds,
  monthGrid,
  monthKey,
  monthOf,
  monthTitle,
  parisDay,
  parseMonthKey,
  shiftMonth,
  timeRange,
  weekdayNames,
  weekdayShort,
  type Month,
} from './dates';
import { gov, type Instance, type OrganisationRef, type Seance } from './govApi';
import { govHash } from './routes';
import { convocationLine, loadingLine, seanceStatusLabel, tag } from './ui';
import { mountPage, type Page } from '../../ui/page';

/** "Directoire — Centre hospitalier de Corbeil-Seine": several établissements have a Directoire. */
export function instanceOption(i: Instance, organisations: OrganisationRef[]): string {
  const org = organisations.find((o) => o.id === i.organisationId);
  return org ? `${i.name} — ${org.name}` : i.name;
}

/** Filters survive moving from month to month (and back from a séance). */
const filters = { organisationId: '', instanceId: '' };

function agendaList(seance: Seance): HTMLElement {
  if (seance.agenda.length === 0) return h('p', { class: 'agenda-empty' }, 'Ordre du jour : aucun point inscrit.');
  return h(
    'div',
    { class: 'agenda-summary' },
    h('p', { class: 'agenda-title' }, 'Ordre du jour :'),
    h(
      'ul',
      {},
      ...seance.agenda.map((item) =>
        h(
          'li',
          {},
          h('span', { class: 'agenda-project' }, item.project.title),
          ' — ',
          item.version ? `version ${item.version.number} « ${item.version.label} »` : h('span', { class: 'agenda-noversion' }, 'version à figer'),
          ' — ',
          `acte attendu : ${item.actLabel}`,
          item.recordedActId ? h('span', {}, ' ', tag('enregistré', 'ok')) : null,
        ),
      ),
    ),
  );
}

/** One séance in the list view. */
function seanceCard(seance: Seance): HTMLElement {
  const headingId = `seance-${seance.id}`;
  return h(
    'li',
    { class: `seance-card status-${seance.status}`, 'data-seance-id': seance.id },
    h(
      'article',
      { 'aria-labelledby': headingId },
      h(
        'h3',
        { id: headingId, class: 'seance-card-title' },
        h('a', { href: govHash({ page: 'seance', seanceId: seance.id }) }, `${formatDay(seance.date)} — ${seance.instance.name}`),
      ),
      h(
        'p',
        { class: 'seance-meta' },
        h('span', { class: 'seance-time' }, timeRange(seance.startTime, seance.endTime)),
        ' · ',
        h('span', {}, seance.instance.organisationName),
        seance.place ? ` · ${seance.place}` : null,
        ' ',
        seance.status !== 'planned' ? tag(seanceStatusLabel[seance.status], seance.status === 'cancelled' ? 'danger' : 'info') : null,
      ),
      agendaList(seance),
      convocationLine(seance),
    ),
  );
}

function monthTable(month: Month, seances: Seance[], today: string): HTMLElement {
  const byDay = new Map<string, Seance[]>();
  for (const s of seances) byDay.set(s.date, [...(byDay.get(s.date) ?? []), s]);
  return h(
    'table',
    { class: 'month-grid' },
    h('caption', {}, `Séances de ${monthTitle(month)}`),
    h('thead', {}, h('tr', {}, ...weekdayNames.map((name, i) => h('th', { scope: 'col' }, h('abbr', { title: name }, weekdayShort[i]!))))),
    h(
      'tbody',
      {},
      ...monthGrid(month).map((week) =>
        h(
          'tr',
          {},
          ...week.map((day) => {
            const list = byDay.get(day.iso) ?? [];
            const isToday = day.iso === today;
            return h(
              'td',
              {
                class: ['day', day.inMonth ? '' : 'outside', isToday ? 'today' : '', list.length ? 'has-seances' : ''].filter(Boolean).join(' '),
                'data-date': day.iso,
                'aria-current': isToday ? 'date' : null,
              },
              h(
                'span',
                { class: 'day-number' },
                srOnly(`${longDay(day.iso)}${isToday ? ' (aujourd’hui)' : ''}`),
                h('span', { 'aria-hidden': 'true' }, String(day.day)),
              ),
              list.length
                ? h(
                    'ul',
                    { class: 'day-seances' },
                    ...list.map((s) =>
                      h(
                        'li',
                        { 'data-seance-id': s.id, class: `status-${s.status}` },
                        h(
                          'a',
                          { href: govHash({ page: 'seance', seanceId: s.id }) },
                          s.startTime ? h('span', { class: 'grid-time' }, s.startTime) : null,
                          ' ',
                          s.instance.name,
                          h('span', { class: 'grid-org' }, s.instance.organisationName),
                          s.status === 'cancelled' ? ' (annulée)' : '',
                          s.convocation.late ? ' (convocation en retard)' : '',
                        ),
                      ),
                    ),
                  )
                : null,
            );
          }),
        ),
      ),
    ),
  );
}

/** The calendar of séances (month grid or list), with filters and the calendar subscription. */
export function mountCalendarPage(main: HTMLElement, page: { month: string | null; mode: 'mois' | 'liste' }): View {
  const today = parisDay();
  const month = (page.month && parseMonthKey(page.month)) || monthOf(today);
  const mode = page.mode;
  const href = (m: Month, md: 'mois' | 'liste') => govHash({ page: 'calendar', month: monthKey(m), mode: md });

  const orgSelect = h('select', { id: 'filter-organisation', name: 'organisation' }, h('option', { value: '' }, 'Toutes'));
  const instanceSelect = h('select', { id: 'filter-instance', name: 'instance' }, h('option', { value: '' }, 'Toutes'));
  const summary = h('p', { class: 'calendar-summary', role: 'status', 'aria-live': 'polite' });
  const managerLinks = h('p', { class: 'actions gov-manager-links', hidden: true });

  const range = mode === 'mois' ? gridBounds(month) : { from: monthBounds(month).from, to: monthBounds(shiftMonth(month, 11)).to };
  const periodTitle = mode === 'mois' ? monthTitle(month) : `${monthTitle(month)} – ${monthTitle(shiftMonth(month, 11))}`;

  let instances: Instance[] = [];
  let organisations: OrganisationRef[] = [];

  const fillInstances = (): void => {
    const shown = instances.filter((i) => !filters.organisationId || i.organisationId === filters.organisationId);
    if (!shown.some((i) => i.id === filters.instanceId)) filters.instanceId = '';
    instanceSelect.replaceChildren(
      h('option', { value: '' }, 'Toutes'),
      ...shown.map((i) => h('option', { value: i.id, selected: i.id === filters.instanceId }, instanceOption(i, organisations))),
    );
  };

  // The filters' choices come first: a remembered filter that no longer exists is dropped before the séances load.
  const filtersReady = Promise.all([gov.organisations(), gov.instances()])
    .then(([orgs, list]) => {
      instances = list;
      const withInstances = new Set(list.map((i) => i.organisationId));
      organisations = orgs.filter((o) => withInstances.has(o.id));
      if (!organisations.some((o) => o.id === filters.organisationId)) filters.organisationId = '';
      orgSelect.replaceChildren(
        h('option', { value: '' }, 'Toutes'),
        ...organisations.map((o) => h('option', { value: o.id, selected: o.id === filters.organisationId }, o.name)),
      );
      fillInstances();
      if (list.some((i) => i.canManage)) {
        managerLinks.replaceChildren(
          h('a', { href: govHash({ page: 'newSeance' }), class: 'button button-primary', id: 'plan-seance' }, 'Planifier une séance'),
          h('a', { href: govHash({ page: 'secretariat' }), class: 'button' }, 'Tableau de bord du secrétariat'),
        );
        managerLinks.hidden = false;
      }
    })
    .catch(() => {
      /* The filters stay at "Toutes"; the séances still load. */
    });

  const shell = (results: HTMLElement, calendar: Page): HTMLElement => {
    // A filter reloads the results only; the feed panel lives as long as the page.
    const filterChanged = (): void => {
      summary.textContent = '';
      results.replaceChildren(loadingLine('Chargement des séances…'));
      calendar.reload();
    };
    orgSelect.addEventListener('change', () => {
      filters.organisationId = orgSelect.value;
      fillInstances();
      filterChanged();
    });
    instanceSelect.addEventListener('change', () => {
      filters.instanceId = instanceSelect.value;
      filterChanged();
    });
    const feed = createCalendarFeedPanel();
    calendar.onEnd(feed.destroy);
    return h(
      'div',
      { class: 'page gov-page calendar-page' },
      h('h1', { tabindex: '-1' }, 'Calendrier des instances'),
      managerLinks,
      h(
        'form',
        { class: 'calendar-filters', 'aria-label': 'Filtrer les séances', onsubmit: (e: Event) => e.preventDefault() },
        h('div', { class: 'form-field' }, h('label', { for: 'filter-organisation' }, 'Organisation'), orgSelect),
        h('div', { class: 'form-field' }, h('label', { for: 'filter-instance' }, 'Instance'), instanceSelect),
      ),
      h(
        'nav',
        { class: 'calendar-nav', 'aria-label': 'Période et affichage' },
        h(
          'p',
          { class: 'calendar-modes' },
          h('a', { href: href(month, 'mois'), class: 'button button-tertiary', 'aria-current': mode === 'mois' ? 'page' : null }, 'Vue mensuelle'),
          h('a', { href: href(month, 'liste'), class: 'button button-tertiary', 'aria-current': mode === 'liste' ? 'page' : null }, 'Liste (12 mois)'),
        ),
        h(
          'p',
          { class: 'calendar-months' },
          h('a', { href: href(shiftMonth(month, -1), mode), class: 'button button-tertiary', id: 'month-previous' }, '‹ Mois précédent'),
          h('a', { href: href(monthOf(today), mode), class: 'button button-tertiary' }, 'Ce mois-ci'),
          h('a', { href: href(shiftMonth(month, 1), mode), class: 'button button-tertiary', id: 'month-next' }, 'Mois suivant ›'),
        ),
      ),
      h('h2', { class: 'calendar-period', id: 'calendar-period' }, periodTitle),
      summary,
      results,
      feed.element,
    );
  };

  return mountPage(main, {
    title: `Calendrier des instances – ${monthTitle(month)}`,
    className: 'calendar-results',
    loading: 'Chargement des séances…',
    shell,
    load: () =>
      filtersReady.then(() =>
        gov.seances({ organisationId: filters.organisationId || undefined, instanceId: filters.instanceId || undefined, from: range.from, to: range.to }),
      ),
    render: (seances) => {
      const inPeriod = mode === 'mois' ? seances.filter((s) => s.date.startsWith(monthKey(month))) : seances;
      const n = inPeriod.length;
      summary.textContent = n === 0 ? `Aucune séance (${periodTitle}).` : `${n} séance${n > 1 ? 's' : ''} (${periodTitle}).`;
      if (mode === 'mois') return [h('div', { class: 'month-grid-wrapper' }, monthTable(month, seances, today))];
      if (seances.length === 0) return [h('p', { class: 'empty' }, 'Aucune séance sur cette période.')];
      return [h('ol', { class: 'seance-list' }, ...seances.map(seanceCard))];
    },
  });
}
