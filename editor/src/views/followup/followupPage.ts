import type { FollowupFiche, FollowupView } from '../../../../schemas/api/followup';
import { api, ApiError } from '../../api';
import { h } from '../../dom';
import { errorMessage } from '../../ui/errors';
import { mountPage } from '../../ui/page';
import { projectSubPageShell } from '../projectSubPage';
import type { View } from '../view';
import { followupApi } from './followupApi';
import { chartAlt, etapeState, indicatorSummary, rollupTable, statusBadge, valuesTable, versionLine } from './followupParts';
import { bilanPanel } from './bilanPanel';
import { importPanel } from './importPanel';
import { valueForm } from './valueForm';
import { formatDay, parisDay } from '../../ui/dates';

/** The years a value may be entered for: the project's years and the year before, up to this one. */
function entryYears(view: FollowupView): number[] {
  const now = Number(view.today.slice(0, 4));
  const first = (view.period?.startYear ?? now) - 1;
  const last = Math.min(view.period?.endYear ?? now, now);
  const years: number[] = [];
  for (let y = first; y <= last; y++) years.push(y);
  return years;
}

function indicatorCard(projectId: string, view: FollowupView, indicator: FollowupView['indicators'][number], reload: () => void): HTMLElement {
  const fiche = view.fiches.find((f) => f.id === indicator.ficheId);
  const headingId = `indicateur-${indicator.id}`;
  return h(
    'article',
    { class: 'indicator-card', 'aria-labelledby': headingId, 'data-indicator-id': indicator.id },
    h('h3', { id: headingId }, indicator.label || 'Indicateur sans nom', ' ', statusBadge(indicator.status)),
    fiche ? h('p', { class: 'indicator-owner' }, `Fiche-action : ${fiche.title}`) : h('p', { class: 'indicator-owner' }, 'Tableau des indicateurs du projet'),
    indicatorSummary(indicator),
    h('img', {
      class: 'indicator-chart',
      // Drawn when it comes into view: a PMP may follow hundreds of indicators.
      loading: 'lazy',
      src: followupApi.chartUrl(projectId, indicator.id, indicator.values.map((v) => `${v.year}:${v.value}:${v.date ?? ''}`).join(',')),
      alt: chartAlt(indicator),
      width: 560,
      height: 240,
    }),
    valuesTable(indicator),
    indicator.editable ? valueForm(projectId, indicator, entryYears(view), reload) : null,
  );
}

function etapeRow(
  projectId: string,
  fiche: FollowupFiche & { editable: boolean },
  etape: FollowupFiche['etapes'][number],
  reload: () => void,
  status: HTMLElement,
): HTMLElement {
  const dateId = `etape-${etape.id}-date`;
  const act = (doneOn: string | null) => {
    followupApi.putEtape(projectId, fiche.id, etape.id, doneOn).then(reload, (error: unknown) => {
      status.textContent = errorMessage(error);
    });
  };
  const date = h('input', { type: 'date', id: dateId, value: parisDay(), max: parisDay() });
  const control = !fiche.editable
    ? null
    : etape.done
      ? h('button', { type: 'button', class: 'button', onclick: () => act(null) }, 'Marquer non faite')
      : h(
          'span',
          { class: 'etape-done-control' },
          h('label', { for: dateId }, 'Faite le '),
          date,
          h('button', { type: 'button', class: 'button', onclick: () => act(date.value || null) }, 'Marquer faite'),
        );
  return h(
    'tr',
    { 'data-etape-id': etape.id, class: etape.late ? 'is-late' : null },
    h('th', { scope: 'row' }, etape.label || 'Étape sans nom'),
    h('td', {}, etape.due ? formatDay(etape.due) : '—'),
    h('td', {}, h('span', { class: etape.late ? 'overdue-badge' : etape.done ? 'done-badge' : 'upcoming-badge' }, etapeState(etape))),
    fiche.editable ? h('td', {}, control) : null,
  );
}

function ficheSection(projectId: string, fiche: FollowupView['fiches'][number], reload: () => void): HTMLElement {
  const status = h('p', { class: 'form-status', role: 'status' });
  return h(
    'section',
    { class: 'fiche-followup', 'data-fiche-id': fiche.id },
    h('h3', {}, fiche.title || 'Fiche-action sans titre'),
    fiche.etapes.length === 0
      ? h('p', { class: 'empty' }, 'Aucune étape.')
      : h(
          'table',
          { class: 'etapes-table' },
          h('caption', { class: 'sr-only' }, `Étapes : ${fiche.title}`),
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'col' }, 'Étape'),
              h('th', { scope: 'col' }, 'Échéance'),
              h('th', { scope: 'col' }, 'État'),
              fiche.editable ? h('th', { scope: 'col' }, 'Suivi') : null,
            ),
          ),
          h('tbody', {}, ...fiche.etapes.map((e) => etapeRow(projectId, fiche, e, reload, status))),
        ),
    status,
  );
}

function render(projectId: string, view: FollowupView, reload: () => void): HTMLElement[] {
  const overview = view.rollups.project;
  return [
    h('p', { class: 'lead' }, versionLine(view)),
    h('details', { class: 'trajectory-rule', open: true }, h('summary', {}, 'Règle de calcul du statut'), h('p', {}, view.rule)),
    h(
      'section',
      { 'aria-labelledby': 'suivi-synthese' },
      h('h2', { id: 'suivi-synthese' }, 'Synthèse'),
      h(
        'p',
        { class: 'followup-overview' },
        `${view.indicators.length} indicateurs : ${overview.indicators.on_track} en bonne voie, ${overview.indicators.at_risk} à surveiller, ${overview.indicators.off_track} en retard, ${overview.indicators.no_data} sans donnée. Étapes : ${overview.etapes.done} faites sur ${overview.etapes.total}, ${overview.etapes.late} en retard.`,
      ),
      view.rollups.filieres.length ? rollupTable('Par filière', 'Filière', view.rollups.filieres) : null,
      view.rollups.etablissements.length ? rollupTable('Par établissement', 'Établissement', view.rollups.etablissements) : null,
    ),
    h(
      'section',
      { 'aria-labelledby': 'suivi-indicateurs' },
      h('h2', { id: 'suivi-indicateurs' }, 'Indicateurs'),
      ...view.indicators.map((i) => indicatorCard(projectId, view, i, reload)),
    ),
    h(
      'section',
      { 'aria-labelledby': 'suivi-fiches' },
      h('h2', { id: 'suivi-fiches' }, 'Étapes des fiches-actions'),
      ...view.fiches.map((f) => ficheSection(projectId, f, reload)),
    ),
    view.indicators.some((i) => i.editable) ? importPanel(projectId, entryYears(view), reload) : null,
    bilanPanel(
      projectId,
      view,
      entryYears(view).filter((y) => y >= (view.period?.startYear ?? y)),
    ),
  ].filter((e): e is HTMLElement => e !== null);
}

/** « Suivi et évaluation »: the adopted version's indicators year by year, its étapes, the roll-ups (issue 24). */
export function mountFollowupPage(main: HTMLElement, projectId: string): View {
  const projectLine = h('p', { class: 'project-title' });
  // No adopted version yet is a state of the project, told as information, not an error.
  const notAdoptedYet = (error: unknown): ApiError => {
    if (error instanceof ApiError && error.code === 'not_adopted') return error;
    throw error;
  };
  return mountPage(main, {
    title: 'Suivi et évaluation',
    className: 'followup-body',
    loading: 'Chargement du suivi…',
    shell: (body) => projectSubPageShell({ projectId, title: 'Suivi et évaluation', className: 'followup-page', projectLine, body }),
    load: () => Promise.all([api.project(projectId), followupApi.get(projectId).catch(notAdoptedYet)]),
    render: ([project, view], page) => {
      page.setTitle('Suivi et évaluation', project.title);
      projectLine.textContent = project.title;
      if (view instanceof ApiError) return [h('div', { class: 'alert alert-info', role: 'alert' }, view.message)];
      return render(projectId, view, () => page.reload());
    },
  });
}
