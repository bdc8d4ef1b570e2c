import { actKindLabels, seanceActKinds, type ActKind } from '../../../../schemas/governance';
import { api, ApiError, type ProjectSummary } from '../../api';
import { h, replaceChildren, type Child } from '../../dom';
import { mountPage } from '../../ui/page';
import type { View } from '../view';
import { formatDay, parisDay } from './dates';
import { instanceOption } from './calendarPage';
import { gov, type Instance, type OrganisationRef, type Version } from './govApi';
import { govHash } from './routes';
import { errorText, focusOn, isSessionGone } from './ui';

/** "Planifier une séance": instance, date, horaire, lieu and the first points of its agenda. */
export function mountNewSeancePage(main: HTMLElement): View {
  const render = (instances: Instance[], projects: ProjectSummary[], organisations: OrganisationRef[]): Child[] => {
    if (instances.length === 0) {
      return [
        h('p', { class: 'alert alert-info' }, 'Vous ne tenez le secrétariat d’aucune instance : seul le secrétariat d’une instance planifie ses séances.'),
      ];
    }
    const instance = h(
      'select',
      { id: 'seance-instance', required: true },
      ...instances.map((i) => h('option', { value: i.id }, instanceOption(i, organisations))),
    );
    const date = h('input', { type: 'date', id: 'seance-date', required: true, 'aria-describedby': 'seance-date-error' });
    const dateError = h('p', { class: 'field-error', id: 'seance-date-error' });
    const start = h('input', { type: 'time', id: 'seance-start' });
    const end = h('input', { type: 'time', id: 'seance-end' });
    const place = h('input', { type: 'text', id: 'seance-place', autocomplete: 'off' });
    const rows = h('ol', { class: 'agenda-rows' });
    const feedback = h('div', { class: 'form-feedback' });
    let rowCount = 0;
    const versions = new Map<string, Promise<Version[]>>();
    const versionsOf = (id: string) => {
      if (!versions.has(id))
        versions.set(
          id,
          gov.versions(id).catch(() => []),
        );
      return versions.get(id)!;
    };

    const addRow = (): void => {
      const n = ++rowCount;
      const project = h('select', { id: `row-project-${n}` }, ...projects.map((p) => h('option', { value: p.id }, p.title)));
      const version = h('select', { id: `row-version-${n}` }, h('option', { value: '' }, 'Version à figer'));
      const act = h('select', { id: `row-act-${n}` }, ...seanceActKinds.map((k) => h('option', { value: k, selected: k === 'avis' }, actKindLabels[k])));
      const fill = (): void => {
        const id = project.value;
        void versionsOf(id).then((list) => {
          if (project.value !== id) return;
          version.replaceChildren(
            h('option', { value: '' }, 'Version à figer'),
            ...list.map((v) => h('option', { value: v.id, selected: v === list.at(-1) }, `version ${v.number} « ${v.label} »`)),
          );
        });
      };
      project.addEventListener('change', fill);
      fill();
      const remove = h('button', { type: 'button', class: 'button button-tertiary' }, `Retirer le point ${n}`);
      const row = h(
        'li',
        { class: 'agenda-row', 'data-row': n },
        h(
          'fieldset',
          {},
          h('legend', {}, `Point ${n}`),
          h('div', { class: 'form-field' }, h('label', { for: `row-project-${n}` }, 'Projet'), project),
          h('div', { class: 'form-field' }, h('label', { for: `row-version-${n}` }, 'Version'), version),
          h('div', { class: 'form-field' }, h('label', { for: `row-act-${n}` }, 'Acte attendu'), act),
          remove,
        ),
      );
      remove.addEventListener('click', () => {
        row.remove();
        focusOn(addButton);
      });
      rows.append(row);
      project.focus();
    };
    const addButton = h(
      'button',
      { type: 'button', class: 'button', id: 'agenda-add-row', disabled: projects.length === 0 },
      'Ajouter un point à l’ordre du jour',
    );
    addButton.addEventListener('click', addRow);

    const submit = h('button', { type: 'submit', class: 'button button-primary', id: 'seance-submit' }, 'Planifier la séance');
    const form = h(
      'form',
      { class: 'new-seance-form', novalidate: true },
      h('div', { class: 'form-field' }, h('label', { for: 'seance-instance' }, 'Instance'), instance),
      h(
        'div',
        { class: 'form-row' },
        h('div', { class: 'form-field' }, h('label', { for: 'seance-date' }, 'Date ', h('span', { class: 'required-mark' }, '(obligatoire)')), date, dateError),
        h('div', { class: 'form-field' }, h('label', { for: 'seance-start' }, 'Début (facultatif)'), start),
        h('div', { class: 'form-field' }, h('label', { for: 'seance-end' }, 'Fin (facultatif)'), end),
      ),
      h('div', { class: 'form-field' }, h('label', { for: 'seance-place' }, 'Lieu'), place),
      h('h2', {}, 'Ordre du jour'),
      projects.length === 0
        ? h('p', { class: 'form-hint' }, 'Vous n’êtes membre d’aucun projet : la séance peut être planifiée, son ordre du jour complété ensuite.')
        : null,
      rows,
      h('p', {}, addButton),
      h('p', { class: 'actions' }, submit),
      feedback,
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      dateError.textContent = '';
      date.removeAttribute('aria-invalid');
      feedback.replaceChildren();
      if (!date.value) {
        dateError.textContent = 'Indiquez la date de la séance.';
        date.setAttribute('aria-invalid', 'true');
        date.focus();
        return;
      }
      const agenda = [...rows.querySelectorAll<HTMLLIElement>('.agenda-row')].map((row) => {
        const n = row.dataset.row!;
        const value = (name: string) => row.querySelector<HTMLSelectElement>(`#row-${name}-${n}`)?.value ?? '';
        return { projectId: value('project'), versionId: value('version') || null, act: value('act') as ActKind };
      });
      submit.disabled = true;
      try {
        const { id } = await gov.createSeance({
          instanceId: instance.value,
          date: date.value,
          ...(start.value ? { startTime: start.value } : {}),
          ...(end.value ? { endTime: end.value } : {}),
          ...(place.value.trim() ? { place: place.value.trim() } : {}),
          agenda: agenda.filter((a) => a.projectId),
        });
        location.hash = govHash({ page: 'seance', seanceId: id });
      } catch (error) {
        submit.disabled = false;
        if (isSessionGone(error)) return;
        const fields = error instanceof ApiError ? error.fields : [];
        replaceChildren(
          feedback,
          h(
            'div',
            { class: 'alert alert-error', role: 'alert' },
            h('p', {}, `La séance n’est pas planifiée : ${errorText(error)}`),
            fields.length ? h('ul', {}, ...fields.map((f) => h('li', {}, f.path === 'date' ? `Date : ${f.message}` : f.message))) : null,
          ),
        );
        focusOn(feedback.firstElementChild as HTMLElement);
      }
    });
    return [h('p', { class: 'form-hint' }, `Dates et heures de Paris. Aujourd’hui : ${formatDay(parisDay())}.`), form];
  };

  return mountPage(main, {
    title: 'Planifier une séance',
    className: 'new-seance-body',
    loading: 'Chargement de vos instances…',
    shell: (body) =>
      h(
        'div',
        { class: 'page gov-page new-seance-page' },
        h('p', { class: 'breadcrumb' }, h('a', { href: govHash({ page: 'calendar', month: null, mode: 'mois' }) }, 'Retour au calendrier')),
        h('h1', { tabindex: '-1' }, 'Planifier une séance'),
        body,
      ),
    load: () => Promise.all([gov.instances(), api.projects().catch(() => [] as ProjectSummary[]), gov.organisations().catch(() => [] as OrganisationRef[])]),
    render: ([instances, projects, organisations]) =>
      render(
        instances.filter((i) => i.canManage),
        projects,
        organisations,
      ),
  });
}
