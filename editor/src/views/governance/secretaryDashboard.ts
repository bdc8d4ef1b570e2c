import { h } from '../../dom';
import { mountPage } from '../../ui/page';
import type { View } from '../view';
import { formatDay, timeRange } from './dates';
import { gov, type SecretaryDashboard } from './govApi';
import { govHash } from './routes';
import { convocationLine, tag } from './ui';

const seanceLink = (s: { id: string; date: string; instance: { name: string } }) =>
  h('a', { href: govHash({ page: 'seance', seanceId: s.id }) }, `${formatDay(s.date)} — ${s.instance.name}`);

function section(id: string, title: string, ...content: (Node | null)[]): HTMLElement {
  return h('section', { class: 'dashboard-section', 'aria-labelledby': id, id: `${id}-section` }, h('h2', { id }, title), ...content);
}

function render(data: SecretaryDashboard): HTMLElement[] {
  if (data.instances.length === 0) {
    return [h('p', { class: 'alert alert-info' }, 'Vous ne tenez le secrétariat d’aucune instance. Ce tableau de bord sert aux secrétaires d’instance.')];
  }
  const next = section(
    'next-heading',
    'Prochaines séances',
    data.nextSeances.length === 0
      ? h('p', { class: 'empty' }, 'Aucune séance prévue dans les quatre prochains mois.')
      : h(
          'table',
          { class: 'gov-table' },
          h('caption', { class: 'sr-only' }, 'Prochaines séances'),
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'col' }, 'Séance'),
              h('th', { scope: 'col' }, 'Horaire'),
              h('th', { scope: 'col' }, 'Lieu'),
              h('th', { scope: 'col' }, 'Ordre du jour'),
              h('th', { scope: 'col' }, 'Convocation'),
            ),
          ),
          h(
            'tbody',
            {},
            ...data.nextSeances.map((s) =>
              h(
                'tr',
                { 'data-seance-id': s.id },
                h('th', { scope: 'row' }, seanceLink(s)),
                h('td', {}, timeRange(s.startTime, s.endTime)),
                h('td', {}, s.place || '—'),
                h('td', {}, s.agenda.length === 0 ? 'vide' : s.agenda.map((i) => `${i.project.title} (${i.actLabel})`).join(' ; ')),
                h('td', {}, convocationLine(s)),
              ),
            ),
          ),
        ),
  );
  const notSent = section(
    'not-sent-heading',
    `Convocations à envoyer (${data.agendasNotSent.length})`,
    data.agendasNotSent.length === 0
      ? h('p', { class: 'empty' }, 'Toutes les convocations des séances à venir sont envoyées.')
      : h(
          'ul',
          { class: 'dashboard-list' },
          ...data.agendasNotSent.map((a) =>
            h(
              'li',
              { 'data-seance-id': a.seance.id },
              seanceLink(a.seance),
              ' : ',
              a.seance.convocation.deadline ? `à envoyer au plus tard le ${formatDay(a.seance.convocation.deadline)}` : 'pas de délai réglementaire',
              ' ',
              a.overdue
                ? tag('en retard', 'danger', 'late-badge')
                : a.daysLeft !== null
                  ? tag(a.daysLeft === 0 ? 'dernier jour' : `plus que ${a.daysLeft} jour${a.daysLeft > 1 ? 's' : ''}`, a.daysLeft <= 3 ? 'warn' : 'info')
                  : null,
            ),
          ),
        ),
  );
  const missing = section(
    'missing-heading',
    `Actes à enregistrer (${data.actsNotRecorded.length})`,
    data.actsNotRecorded.length === 0
      ? h('p', { class: 'empty' }, 'Tous les actes des séances passées sont enregistrés.')
      : h(
          'ul',
          { class: 'dashboard-list' },
          ...data.actsNotRecorded.map((m) =>
            h(
              'li',
              { 'data-seance-id': m.seance.id },
              m.message,
              ' ',
              h('a', { href: govHash({ page: 'seance', seanceId: m.seance.id }) }, 'Enregistrer l’acte'),
            ),
          ),
        ),
  );
  const years = data.instances[0]!.meetings.map((m) => m.year);
  const meetings = section(
    'meetings-heading',
    'Réunions par an',
    h(
      'table',
      { class: 'gov-table meetings-table' },
      h('caption', { class: 'sr-only' }, 'Nombre de séances par instance et par an, comparé au minimum réglementaire'),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, 'Instance'),
          h('th', { scope: 'col' }, 'Minimum par an'),
          ...years.map((y) => h('th', { scope: 'col' }, `Séances ${y}`)),
        ),
      ),
      h(
        'tbody',
        {},
        ...data.instances.map((i) =>
          h(
            'tr',
            { 'data-instance-id': i.id },
            h('th', { scope: 'row' }, i.name, h('span', { class: 'cell-sub' }, i.organisationName)),
            h('td', {}, i.minimumPerYear === null ? 'aucun' : String(i.minimumPerYear)),
            ...i.meetings.map((m) =>
              h(
                'td',
                { class: m.warning ? 'is-short' : null },
                String(m.count),
                m.warning ? h('span', {}, ' ', tag('insuffisant', 'warn'), h('span', { class: 'cell-sub' }, m.warning)) : null,
              ),
            ),
          ),
        ),
      ),
    ),
  );
  return [notSent, missing, next, meetings];
}

/** "Tableau de bord du secrétariat": what a secretary of instances has to do next. */
export function mountSecretaryDashboard(main: HTMLElement): View {
  return mountPage(main, {
    title: 'Tableau de bord du secrétariat',
    className: 'dashboard-body',
    loading: 'Chargement du tableau de bord…',
    shell: (body) =>
      h(
        'div',
        { class: 'page gov-page dashboard-page' },
        h('h1', { tabindex: '-1' }, 'Tableau de bord du secrétariat'),
        h(
          'p',
          { class: 'actions' },
          h('a', { href: govHash({ page: 'calendar', month: null, mode: 'mois' }), class: 'button' }, 'Calendrier des instances'),
          h('a', { href: govHash({ page: 'newSeance' }), class: 'button' }, 'Planifier une séance'),
        ),
        body,
      ),
    load: () => gov.dashboard(),
    render: (data) => [h('p', { class: 'lead' }, `Situation au ${formatDay(data.today)}.`), ...render(data)],
  });
}
