import { h } from '../../dom';
import { adminApi, etablissementTypeLabel, organisationKindLabel, type AdminOrganisation, type NewOrganisation } from './adminApi';
import { errorWithFields } from '../../ui/errors';

export const field = (id: string, label: string, control: HTMLElement, hint?: string): HTMLElement =>
  h('div', { class: 'form-field' }, h('label', { for: id }, label), hint ? h('p', { class: 'form-hint' }, hint) : null, control);

/** "Nouvelle organisation": kind, name, FINESS; for an établissement its GHT, type and support role; the ARS it reports to. */
export function organisationCreationForm(
  all: AdminOrganisation[],
  onCreated: (id: string) => void,
  kinds: readonly AdminOrganisation['kind'][] = ['GHT', 'etablissement', 'ARS'],
): HTMLFormElement {
  const kind = h('select', { id: 'org-kind' }, ...kinds.map((k) => h('option', { value: k }, organisationKindLabel[k])));
  const name = h('input', { type: 'text', id: 'org-name', required: true, maxlength: 300, autocomplete: 'off' });
  const finess = h('input', { type: 'text', id: 'org-finess', maxlength: 9, inputmode: 'numeric', autocomplete: 'off' });
  const parent = h(
    'select',
    { id: 'org-parent' },
    h('option', { value: '' }, '— aucun —'),
    ...all.filter((o) => o.kind === 'GHT' && !o.archived).map((o) => h('option', { value: o.id }, o.name)),
  );
  const type = h(
    'select',
    { id: 'org-type' },
    ...(Object.keys(etablissementTypeLabel) as (keyof typeof etablissementTypeLabel)[]).map((t) => h('option', { value: t }, etablissementTypeLabel[t])),
  );
  const support = h('input', { type: 'checkbox', id: 'org-support' });
  const ars = h(
    'select',
    { id: 'org-ars' },
    h('option', { value: '' }, '— à préciser —'),
    ...all.filter((o) => o.kind === 'ARS').map((o) => h('option', { value: o.id }, o.name)),
  );
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
      input.type = type.value as NewOrganisation['type'];
      if (parent.value) input.parentId = parent.value;
      if (parent.value && support.checked) input.isSupport = true;
    }
    if (input.kind !== 'ARS' && ars.value) input.arsId = ars.value;
    submit.disabled = true;
    adminApi.create(input).then(
      ({ id }) => onCreated(id),
      (error: unknown) => {
        submit.disabled = false;
        alert.textContent = errorWithFields(error, { withPath: true });
        alert.focus();
      },
    );
  });
  return form;
}
