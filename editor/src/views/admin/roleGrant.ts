import { request } from '../../api';
import { h } from '../../dom';
import { personSearch } from './personSearch';
import { roleLabels } from './adminApi';

/** "Donner un rôle": find a person who already has an account (by name or address) and grant a role here. */
export function roleGrantForm(organisationId: string, roles: string[], onGranted: () => void): HTMLElement {
  const search = h('input', { type: 'search', id: 'grant-search', autocomplete: 'off', minlength: 2, maxlength: 100 });
  const role = h('select', { id: 'grant-role' }, ...roles.map((r) => h('option', { value: r }, roleLabels[r] ?? r)));
  const status = h('p', { role: 'status', class: 'form-status' });
  const found = personSearch(
    search,
    {
      label: 'Donner ce rôle',
      run: (person) =>
        request<void>('POST', `/api/organisations/${encodeURIComponent(organisationId)}/roles`, { userId: person.id, role: role.value }).then(() => {
          status.textContent = `${person.name} a désormais le rôle « ${roleLabels[role.value] ?? role.value} ».`;
          onGranted();
        }),
    },
    (message) => (status.textContent = message),
  );
  found.id = 'grant-found';
  return h(
    'div',
    { class: 'admin-form', id: 'grant-form' },
    h('div', { class: 'form-field' }, h('label', { for: role.id }, 'Rôle à donner'), role),
    h('div', { class: 'form-field' }, h('label', { for: search.id }, 'Personne (nom ou adresse)'), search),
    found,
    status,
  );
}
