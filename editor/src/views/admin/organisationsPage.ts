import { ApiError, request } from '../../api';
import { h, replaceChildren } from '../../dom';
import { appName } from '../../labels';
import { hashFor } from '../../router';
import type { View } from '../view';
import { adminApi, etablissementTypeLabel, organisationKindLabel, type AdminOrganisation, type NewOrganisation } from './adminApi';

const field = (id: string, label: string, control: HTMLElement, hint?: string): HTMLElement =>
  h('div', { class: 'form-field' }, h('label', { for: id }, label), hint ? h('p', { class: 'form-hint' }, hint) : null, control);

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
      h('ul', { class: 'organisation-list' }, ...top.map((o) => h('li', {}, link(o), kind === 'GHT' ? h('ul', {}, ...members(o).map((m) => h('li', {}, link(m)))) : null))),
    );
  }
  return sections.length > 0 ? h('div', {}, ...sections) : h('p', { class: 'empty' }, 'Aucune organisation pour l’instant : commencez par le GHT (ou l’établissement) et l’ARS dont il relève.');
}

/** "Nouvelle organisation": kind, name, FINESS; for an établissement its GHT, type and support role; the ARS it reports to. */
function creationForm(all: AdminOrganisation[], onCreated: (id: string) => void): HTMLFormElement {
  const kind = h('select', { id: 'org-kind' }, ...(['GHT', 'etablissement', 'ARS'] as const).map((k) => h('option', { value: k }, organisationKindLabel[k])));
  const name = h('input', { type: 'text', id: 'org-name', required: true, maxlength: 300, autocomplete: 'off' });
  const finess = h('input', { type: 'text', id: 'org-finess', maxlength: 9, inputmode: 'numeric', autocomplete: 'off' });
  const parent = h('select', { id: 'org-parent' }, h('option', { value: '' }, '— aucun —'), ...all.filter((o) => o.kind === 'GHT' && !o.archived).map((o) => h('option', { value: o.id }, o.name)));
  const type = h('select', { id: 'org-type' }, ...(Object.keys(etablissementTypeLabel) as (keyof typeof etablissementTypeLabel)[]).map((t) => h('option', { value: t }, etablissementTypeLabel[t])));
  const support = h('input', { type: 'checkbox', id: 'org-support' });
  const ars = h('select', { id: 'org-ars' }, h('option', { value: '' }, '— à préciser —'), ...all.filter((o) => o.kind === 'ARS').map((o) => h('option', { value: o.id }, o.name)));
  const alert = h('div', { class: 'alert alert-error', role: 'alert', tabindex: '-1' });
  const etablissementOnly = h(
    'div',
    {},
    field(parent.id, 'GHT dont il est membre', parent),
    field(type.id, 'Type', type, 'Il détermine les instances que la loi lui donne et la séquence R6132-6 qu’il suit.'),
    h('div', { class: 'checkbox' }, support, h('label', { for: support.id }, 'Établissement support du GHT')),
  );
  const arsField = field(ars.id, 'ARS dont relève l’organisation', ars);
  const sync = (): void => {
    etablissementOnly.hidden = kind.value !== 'etablissement';
    arsField.hidden = kind.value === 'ARS';
  };
  kind.addEventListener('change', sync);
  sync();
  const submit = h('button', { type: 'submit', class: 'button button-primary', id: 'org-submit' }, 'Créer l’organisation');
  const form = h(
    'form',
    { class: 'admin-form', id: 'organisation-form', novalidate: true, 'aria-labelledby': 'organisation-form-title' },
    h('h2', { id: 'organisation-form-title' }, 'Nouvelle organisation'),
    alert,
    field(kind.id, 'Nature', kind),
    field(name.id, 'Nom', name),
    field(finess.id, 'FINESS juridique', finess, '9 caractères, facultatif.'),
    etablissementOnly,
    arsField,
    h('p', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    alert.textContent = '';
    if (!name.value.trim()) {
      alert.textContent = 'Indiquez le nom de l’organisation.';
      name.focus();
      return;
    }
    const input: NewOrganisation = { name: name.value.trim(), kind: kind.value as NewOrganisation['kind'] };
    if (finess.value.trim()) input.finess = finess.value.trim();
    if (input.kind === 'etablissement') {
      input.type = type.value;
      if (parent.value) input.parentId = parent.value;
      if (parent.value && support.checked) input.isSupport = true;
    }
    if (input.kind !== 'ARS' && ars.value) input.arsId = ars.value;
    submit.disabled = true;
    adminApi.create(input).then(
      ({ id }) => onCreated(id),
      (error: unknown) => {
        submit.disabled = false;
        const fields = error instanceof ApiError ? error.fields.map((f) => `${f.path} : ${f.message}`) : [];
        alert.textContent = [error instanceof ApiError ? error.message : 'Erreur inattendue.', ...fields].join(' ');
        alert.focus();
      },
    );
  });
  return form;
}

const setupStepTitle: Record<string, string> = {
  organisations: 'Le GHT et ses établissements (ou un établissement seul)',
  ars: 'L’ARS dont ils relèvent',
  instances: 'Les instances réglementaires',
  secretaries: 'Le secrétariat de chaque instance',
  people: 'Les personnes invitées, et leur arrivée',
};

/** The first set-up, step by step, as the server computes it from what exists (it can be left and resumed). */
function setupChecklist(): HTMLElement {
  const list = h('ol', { class: 'setup-steps' });
  const element = h('section', { class: 'setup', 'aria-labelledby': 'setup-title', hidden: true }, h('h2', { id: 'setup-title' }, 'Mise en place'), list);
  request<{ done: boolean; steps: { id: string; done: boolean; todo: string[] }[] }>('GET', '/api/setup').then(
    ({ done, steps }) => {
      if (done) return;
      replaceChildren(
        list,
        ...steps.map((step) =>
          h(
            'li',
            { class: step.done ? 'setup-done' : 'setup-todo', 'data-step': step.id },
            h('strong', {}, `${setupStepTitle[step.id] ?? step.id} : `, step.done ? 'fait' : 'à faire'),
            step.todo.length > 0 ? h('ul', {}, ...step.todo.map((t) => h('li', {}, t))) : null,
          ),
        ),
      );
      element.hidden = false;
    },
    () => {},
  );
  return element;
}

/** "#/administration": the organisations of the product and the form that creates one. */
export function renderOrganisationsPage(main: HTMLElement): View {
  document.title = `Administration – ${appName}`;
  const body = h('div', {}, h('p', { class: 'loading', role: 'status' }, 'Chargement des organisations…'));
  main.replaceChildren(
    h(
      'div',
      { class: 'page admin-page' },
      h('h1', { tabindex: '-1' }, 'Administration'),
      h('p', {}, 'Le GHT, ses établissements et l’ARS dont ils relèvent ; pour chacun, ses instances réglementaires et les rôles de ses membres.'),
      setupChecklist(),
      body,
    ),
  );
  let destroyed = false;
  adminApi.organisations().then(
    (all) => {
      if (destroyed) return;
      replaceChildren(
        body,
        h('section', { 'aria-labelledby': 'organisations-title' }, h('h2', { id: 'organisations-title' }, 'Organisations'), organisationTree(all)),
        creationForm(all, (id) => {
          location.hash = hashFor({ name: 'adminOrganisation', organisationId: id });
        }),
      );
    },
    (error: unknown) => {
      if (!destroyed) replaceChildren(body, h('div', { class: 'alert alert-error', role: 'alert' }, error instanceof ApiError ? error.message : 'Erreur inattendue.'));
    },
  );
  return {
    destroy() {
      destroyed = true;
    },
  };
}
