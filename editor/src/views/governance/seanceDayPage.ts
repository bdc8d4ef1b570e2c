import type { ProjectRole } from '../../../../schemas/project';
import { api, type ProjectSummary } from '../../api';
import { h, type Child } from '../../dom';
import { mountPage, type Page } from '../../ui/page';
import type { View } from '../view';
import { agendaActsForm } from './agendaActsForm';
import { formatDay, longDay, monthKey, monthOf, timeRange } from './dates';
import { gov, type SeanceDetail } from './govApi';
import { govHash } from './routes';
import { convocationLine, focusOn, focusTitleIfLost, tag } from './ui';

/**
 * "Séances du jour": every séance of a day whose instance the user keeps, and one form that
 * records every act of their agendas (the R6132-6 sequence of an établissement is often held
 * the same day, one instance after the other).
 */
export function mountSeanceDayPage(main: HTMLElement, date: string): View {
  const title = `Séances du ${formatDay(date)}`;

  const render = (seances: SeanceDetail[], roles: Map<string, ProjectRole | null>, announced: string | null, page: Page): Child[] => {
    const sorted = [...seances].sort((a, b) => (a.startTime ?? '').localeCompare(b.startTime ?? '') || a.instance.name.localeCompare(b.instance.name, 'fr'));
    const form = agendaActsForm({
      seances: sorted,
      roles,
      onAllRecorded: (message) => page.reload({ notice: message }),
    });
    return [
      h('p', { class: 'breadcrumb' }, h('a', { href: govHash({ page: 'calendar', month: monthKey(monthOf(date)), mode: 'mois' }) }, 'Retour au calendrier')),
      h('h1', { tabindex: '-1' }, title),
      h('p', { class: 'lead' }, longDay(date)),
      h('p', { class: 'seance-live', role: 'status', 'aria-live': 'polite' }, announced ?? ''),
      sorted.length === 0
        ? h('p', { class: 'empty' }, 'Aucune séance ce jour-là pour les instances dont vous tenez le secrétariat.')
        : h(
            'ul',
            { class: 'seance-day-list' },
            ...sorted.map((s) => {
              const recorded = s.agenda.filter((i) => i.recordedActId).length;
              // An avis with réserves still linked to nothing: one click to where they are linked.
              const unlinked = s.acts.filter(
                (a) => !a.annulled && a.outcome === 'favorable_reserves' && !a.reserveItems.some((r) => r.commentIds.length + r.sectionIds.length > 0),
              ).length;
              return h(
                'li',
                { 'data-seance-id': s.id },
                h('a', { href: govHash({ page: 'seance', seanceId: s.id }) }, `${s.instance.name} — ${s.instance.organisationName}`),
                ` (${timeRange(s.startTime, s.endTime)}) — ${recorded} / ${s.agenda.length} acte(s) enregistré(s) `,
                s.status === 'cancelled' ? tag('annulée', 'danger') : null,
                convocationLine(s),
                unlinked > 0
                  ? h(
                      'a',
                      { class: 'reserve-link-hint', href: govHash({ page: 'seance', seanceId: s.id }) },
                      `Relier aux commentaires les réserves de ${unlinked > 1 ? `${unlinked} avis` : 'l’avis'}`,
                    )
                  : null,
              );
            }),
          ),
      projectLinks(sorted),
      form ??
        (sorted.length > 0
          ? h('p', { class: 'alert alert-info batch-none' }, 'Tous les actes de ces séances sont enregistrés (ou attendent une version figée).')
          : null),
    ];
  };

  return mountPage(main, {
    title,
    className: 'page gov-page seance-day-page',
    loading: 'Chargement des séances du jour…',
    load: () =>
      Promise.all([gov.seances({ from: date, to: date }), api.projects().catch(() => [] as ProjectSummary[])]).then(async ([list, projects]) => ({
        details: await Promise.all(list.filter((s) => s.canManage).map((s) => gov.seance(s.id))),
        projects,
      })),
    render: ({ details, projects }, page, { notice }) => render(details, new Map(projects.map((p) => [p.id, p.role])), notice, page),
    // The result of an action is announced where it is read; else the title takes the focus.
    focus: (root, { notice }) => (notice ? focusOn(root.querySelector<HTMLElement>('.seance-live')!) : focusTitleIfLost(root)),
  });
}

/** Each project on the day's agendas, one click from its approval calendar (versions, ARS package). */
function projectLinks(seances: SeanceDetail[]): HTMLElement | null {
  const projects = new Map(seances.flatMap((s) => s.agenda.map((i) => [i.project.id, i.project.title] as const)));
  if (projects.size === 0) return null;
  return h(
    'ul',
    { class: 'seance-day-projects' },
    ...[...projects].map(([id, title]) =>
      h(
        'li',
        {},
        h(
          'a',
          { class: 'day-project-link', 'data-project-id': id, href: govHash({ page: 'timeline', projectId: id }) },
          `Calendrier d’approbation de « ${title} »`,
        ),
      ),
    ),
  );
}
