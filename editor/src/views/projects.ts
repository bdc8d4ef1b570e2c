import { api, type ProjectSummary } from '../api';
import { h, srOnly } from '../dom';
import { kindText, roleText } from '../labels';
import { hashFor } from '../router';
import { session } from '../session';
import { setupReminder } from './admin/setupReminder';
import { createNewProjectForm } from './newProjectForm';
import { mountPage, type Page } from '../ui/page';
import type { View } from './view';
import { formatInstantDay } from '../ui/dates';

function projectItem(p: ProjectSummary): HTMLLIElement {
  return h(
    'li',
    { class: 'project-card' },
    h('p', { class: 'project-kind' }, h('abbr', { title: kindText(p.kind) }, p.kind), ` · ${kindText(p.kind)}`),
    h('h2', { class: 'project-title' }, h('a', { href: hashFor({ name: 'project', projectId: p.id, sectionId: null }), 'data-project-id': p.id }, p.title)),
    h(
      'p',
      { class: 'project-meta' },
      h('span', {}, srOnly('Votre rôle : '), h('span', { class: `badge badge-role role-${p.role ?? 'none'}` }, roleText(p.role))),
      p.updatedAt ? h('span', { class: 'project-updated' }, `Modifié le ${formatInstantDay(p.updatedAt)}`) : null,
    ),
  );
}

/** The list of the user's projects. */
export function mountProjects(main: HTMLElement): View {
  // The form is built when first opened: it asks the server for templates and organisations.
  const formSlot = h('div', { class: 'new-project', id: 'new-project', hidden: true });
  // Offered once the server says the account may create one (never to an ARS reader).
  const toggle = h(
    'button',
    { type: 'button', class: 'button button-primary', id: 'new-project-toggle', 'aria-expanded': 'false', 'aria-controls': 'new-project', hidden: true },
    'Créer un projet',
  );
  api.me().then(
    (me) => {
      toggle.hidden = me.canCreateProjects !== true;
      toggle.dataset.known = 'true';
    },
    () => undefined,
  );
  const openForm = (page: Page): void => {
    toggle.addEventListener('click', () => {
      const open = formSlot.hidden;
      if (open && !formSlot.firstChild) {
        const form = createNewProjectForm((id) => (location.hash = hashFor({ name: 'project', projectId: id, sectionId: null })));
        page.onEnd(form.destroy);
        formSlot.append(form.element);
      }
      formSlot.hidden = !open;
      toggle.setAttribute('aria-expanded', String(open));
      if (open) formSlot.querySelector<HTMLElement>('select, input')?.focus();
    });
  };
  return mountPage(main, {
    title: 'Mes projets',
    className: 'projects-body',
    loading: 'Chargement des projets…',
    shell: (body, page) => {
      openForm(page);
      return h(
        'div',
        { class: 'page projects-page' },
        h('div', { class: 'page-title-row' }, h('h1', { tabindex: '-1' }, 'Mes projets'), toggle),
        session.user?.isAdmin ? setupReminder() : null,
        formSlot,
        body,
      );
    },
    load: () => api.projects(),
    render: (projects) => {
      session.rememberProjects(projects);
      if (projects.length === 0) {
        return [
          h('p', { class: 'empty' }, 'Aucun projet ne vous est encore attribué. Demandez au coordonnateur de votre projet de vous y ajouter.'),
          // An ARS reader has no project: the packages addressed to the agency are on the portal.
          h('p', {}, h('a', { href: '#/ars', id: 'projects-ars-link' }, 'Consulter les dossiers transmis à l’ARS')),
        ];
      }
      return [
        h('p', { class: 'count' }, projects.length === 1 ? '1 projet' : `${projects.length} projets`),
        h('ul', { class: 'project-list' }, ...projects.map(projectItem)),
      ];
    },
  });
}
