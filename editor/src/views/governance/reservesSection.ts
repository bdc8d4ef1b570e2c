import type { ReserveConcern, ReserveView } from '../../../../schemas/actReserves';
import { h } from '../../dom';
import { hashFor } from '../../router';

const concernLink = (projectId: string, c: ReserveConcern): HTMLElement =>
  h(
    'li',
    {},
    h('a', { href: hashFor({ name: 'project', projectId, sectionId: c.sectionId }) }, c.sectionTitle),
    c.commentId ? ` — commentaire sur « ${c.quote ?? ''} »` : ' — tout le chapitre',
  );

/**
 * What the instances asked for and where it applies (issue 21): each réserve of an avis
 * « favorable avec réserves », with links to the chapters and the comment threads it concerns
 * (the comments panel of those chapters badges the threads).
 */
export function reservesSection(projectId: string, reserves: ReserveView[]): HTMLElement | null {
  if (reserves.length === 0) return null;
  return h(
    'section',
    { class: 'reserves-section', 'aria-labelledby': 'reserves-heading' },
    h('h2', { id: 'reserves-heading' }, 'Réserves des instances'),
    h(
      'ul',
      { class: 'reserve-list' },
      ...reserves.map((r) =>
        h(
          'li',
          { class: 'reserve-item', 'data-act-id': r.actId },
          h('p', {}, h('strong', {}, `${r.label} (version ${r.version.number})`), ` : ${r.text}`),
          r.concerns.length > 0
            ? h('ul', { class: 'reserve-concerns', 'aria-label': 'Passages concernés' }, ...r.concerns.map((c) => concernLink(projectId, c)))
            : h(
                'p',
                { class: 'form-hint' },
                'Reliée à aucun passage : le secrétariat de l’instance peut la relier aux commentaires depuis la page de la séance.',
              ),
        ),
      ),
    ),
  );
}
