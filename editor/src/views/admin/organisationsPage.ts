import { h, replaceChildren } from '../../dom';
import { hashFor } from '../../router';
import { mountPage } from '../../ui/page';
import type { View } from '../view';
import { adminApi, etablissementTypeLabel, type AdminOrganisation } from './adminApi';
import { organisationCreationForm } from './organisationForm';
import { peopleSection } from './peopleSection';
import { setupOrder, setupStatus, setupStepTitle } from './setupApi';

/** A GHT with its établissements, an établissement on its own, an ARS: one line each, linking to its page. */
function organisationTree(all: AdminOrganisation[]): HTMLElement {
  const link = (o: AdminOrganisation) =>
    h(
      'a',
      { href: hashFor({ name: 'adminOrganisation', organisationId: o.id }), 'data-organisation-id': o.id },
      o.name,
      o.isSupport ? ' — établissement support' : '',
      o.type ? ` (${etablissementTypeLabel[o.type]})` : '',
      o.archived ? h('span', { class: 'badge' }, ' archivée') : null,
    );
  const members = (ght: AdminOrganisation) => all.filter((o) => o.parentId === ght.id);
  const sections: HTMLElement[] = [];
  for (const kind of ['GHT', 'etablissement', 'ARS'] as const) {
    const top = all.filter((o) => o.kind === kind && (kind !== 'etablissement' || o.parentId === null));
    if (top.length === 0) continue;
    sections.push(
      h('h3', {}, kind === 'GHT' ? 'Groupements' : kind === 'ARS' ? 'Agences régionales de santé' : 'Établissements hors GHT'),
      h(
        'ul',
        { class: 'organisation-list' },
        ...top.map((o) => h('li', {}, link(o), kind === 'GHT' ? h('ul', {}, ...members(o).map((m) => h('li', {}, link(m)))) : null)),
      ),
    );
  }
  return sections.length > 0
    ? h('div', {}, ...sections)
    : h('p', { class: 'empty' }, 'Aucune organisation pour l’instant : commencez par le GHT (ou l’établissement) et l’ARS dont il relève.');
}

/** Where the first set-up stands, as the server computes it from what exists, and the way back into it. */
function setupChecklist(): HTMLElement {
  const list = h('ol', { class: 'setup-steps' });
  const element = h(
    'section',
    { class: 'setup', 'aria-labelledby': 'setup-title', hidden: true },
    h('h2', { id: 'setup-title' }, 'Mise en place'),
    list,
    h('p', {}, h('a', { class: 'button button-primary', href: hashFor({ name: 'setup', step: null }), id: 'setup-resume' }, 'Continuer la mise en place')),
  );
  setupStatus().then(
    ({ done, steps }) => {
      if (done) return;
      replaceChildren(
        list,
        ...setupOrder.map((id) => {
          const step = steps.find((s) => s.id === id);
          return h(
            'li',
            { class: step?.done ? 'setup-done' : 'setup-todo', 'data-step': id },
            h('strong', {}, `${setupStepTitle[id]} : `, step?.done ? 'fait' : 'à faire'),
            step && step.todo.length > 0 ? h('ul', {}, ...step.todo.map((t) => h('li', {}, t))) : null,
          );
        }),
      );
      element.hidden = false;
    },
    () => {},
  );
  return element;
}

/** "#/administration": the organisations of the product and the form that creates one. */
export function mountOrganisationsPage(main: HTMLElement): View {
  return mountPage(main, {
    title: 'Administration',
    className: 'organisations-body',
    loading: 'Chargement des organisations…',
    shell: (body) =>
      h(
        'div',
        { class: 'page admin-page' },
        h('h1', { tabindex: '-1' }, 'Administration'),
        h('p', {}, 'Le GHT, ses établissements et l’ARS dont ils relèvent ; pour chacun, ses instances réglementaires et les rôles de ses membres.'),
        setupChecklist(),
        body,
      ),
    load: () => adminApi.organisations(),
    render: (all) => [
      h('section', { 'aria-labelledby': 'organisations-title' }, h('h2', { id: 'organisations-title' }, 'Organisations'), organisationTree(all)),
      peopleSection(),
      organisationCreationForm(all, (id) => {
        location.hash = hashFor({ name: 'adminOrganisation', organisationId: id });
      }),
    ],
  });
}
