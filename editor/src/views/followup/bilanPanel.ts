import type { FollowupView } from '../../../../schemas/api/followup';
import type { Created } from '../../../../schemas/api/projects';
import { request } from '../../api';
import { h } from '../../dom';
import { hashFor } from '../../router';
import { errorWithFields } from '../../ui/errors';

/**
 * « Bilan annuel »: the bilans made from this project, each opening as a document of its own,
 * and for its coordinators the action that makes the bilan of a year (POST …/bilans), pre-filled
 * from this follow-up, then opened.
 */
export function bilanPanel(projectId: string, view: FollowupView, years: number[]): HTMLElement {
  const status = h('p', { class: 'form-status', role: 'status' });
  const made = new Set(view.bilans.map((b) => b.year));
  const open = years.filter((y) => !made.has(y));
  const year = h('select', { id: 'bilan-annee' }, ...open.map((y) => h('option', { value: String(y) }, String(y))));
  year.value = String(open[open.length - 1] ?? '');
  const make = () => {
    status.textContent = 'Préparation du bilan (graphiques et tableaux)…';
    request<Created>('POST', `/api/projects/${encodeURIComponent(projectId)}/bilans`, { year: Number(year.value) }).then(
      ({ id }) => {
        location.hash = hashFor({ name: 'project', projectId: id, sectionId: null });
      },
      (error: unknown) => {
        status.textContent = errorWithFields(error);
      },
    );
  };
  return h(
    'section',
    { class: 'followup-bilans', 'aria-labelledby': 'suivi-bilans' },
    h('h2', { id: 'suivi-bilans' }, 'Bilans annuels'),
    view.bilans.length === 0
      ? h('p', { class: 'empty' }, 'Aucun bilan annuel établi.')
      : h('ul', {}, ...view.bilans.map((b) => h('li', {}, h('a', { href: hashFor({ name: 'project', projectId: b.id, sectionId: null }) }, b.title)))),
    view.canMakeBilan && open.length > 0
      ? h(
          'div',
          { class: 'bilan-make' },
          h('label', { for: 'bilan-annee' }, 'Année du bilan '),
          year,
          ' ',
          h('button', { type: 'button', class: 'button button-primary', onclick: make }, 'Établir le bilan annuel'),
          h(
            'p',
            { class: 'hint' },
            'Un document « Bilan annuel » est créé, pré-rempli des valeurs de l’année, des statuts, des graphiques, des étapes et des actes ; le commentaire du président reste à rédiger.',
          ),
        )
      : null,
    status,
  );
}
