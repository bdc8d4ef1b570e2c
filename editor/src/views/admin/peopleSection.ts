import type { ListedPerson } from '../../../../schemas/api/users';
import { request } from '../../api';
import { h, replaceChildren } from '../../dom';
import { personActions } from './personActions';
import { errorMessage } from '../../ui/errors';

/**
 * "Personnes" on the administration page: find an account by name or address, deactivated ones
 * included on demand (to reactivate someone who holds no role any more), and act on it.
 */
export function peopleSection(): HTMLElement {
  const query = h('input', { type: 'search', id: 'people-query', autocomplete: 'off', minlength: 2, maxlength: 100 });
  const inactive = h('input', { type: 'checkbox', id: 'people-inactive' });
  const list = h('ul', { class: 'people-list' });
  const status = h('p', { role: 'status', class: 'form-status', id: 'people-status' });
  let timer: ReturnType<typeof setTimeout> | undefined;

  const search = (): void => {
    const text = query.value.trim();
    if (text.length < 2) return replaceChildren(list);
    const params = new URLSearchParams({ query: text, ...(inactive.checked ? { inactive: '1' } : {}) });
    request<ListedPerson[]>('GET', `/api/users?${params}`).then(
      (people) => {
        if (query.value.trim() !== text) return;
        replaceChildren(
          list,
          ...(people.length === 0
            ? [h('li', { class: 'empty' }, 'Personne ne correspond.')]
            : people.map((person) =>
                h(
                  'li',
                  { class: 'person', 'data-user-id': person.id },
                  h(
                    'span',
                    { class: 'person-name' },
                    person.name,
                    person.function ? `, ${person.function}` : '',
                    h('span', { class: 'member-email' }, ` ${person.email}`),
                    person.active ? '' : ' — compte désactivé',
                    person.pending ? ' — invitation en attente' : '',
                  ),
                  personActions(person, (notice) => {
                    status.textContent = notice;
                    search();
                  }),
                ),
              )),
        );
      },
      (error: unknown) => (status.textContent = errorMessage(error)),
    );
  };
  query.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(search, 250);
  });
  inactive.addEventListener('change', search);

  return h(
    'section',
    { class: 'people-section', 'aria-labelledby': 'people-title' },
    h('h2', { id: 'people-title' }, 'Personnes'),
    h('div', { class: 'form-field' }, h('label', { for: query.id }, 'Rechercher une personne (nom ou adresse)'), query),
    h('div', { class: 'checkbox' }, inactive, h('label', { for: inactive.id }, 'Inclure les comptes désactivés')),
    status,
    list,
  );
}
