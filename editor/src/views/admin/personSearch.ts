import { api } from '../../api';
import { h, replaceChildren } from '../../dom';
import { errorMessage } from '../../ui/errors';

export type FoundPerson = Awaited<ReturnType<typeof api.searchUsers>>[number];

/**
 * A search box over the accounts the user may see (2 characters or more, debounced): each person
 * found is one line with the action `act` names (name a secretary, give a role…).
 */
export function personSearch(
  input: HTMLInputElement,
  act: { label: string; run(person: FoundPerson): Promise<void> },
  report: (message: string) => void,
): HTMLUListElement {
  const found = h('ul', { class: 'members-found' });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const fail = (error: unknown) => report(errorMessage(error));
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const query = input.value.trim();
      if (query.length < 2) return replaceChildren(found);
      api.searchUsers(query).then((people) => {
        if (input.value.trim() !== query) return;
        replaceChildren(
          found,
          ...people.map((person) =>
            h(
              'li',
              { class: 'member-found' },
              h('span', {}, person.name, person.function ? `, ${person.function}` : '', h('span', { class: 'member-email' }, ` ${person.email}`)),
              h(
                'button',
                {
                  type: 'button',
                  class: 'button button-secondary',
                  onclick: () =>
                    act.run(person).then(() => {
                      input.value = '';
                      replaceChildren(found);
                    }, fail),
                },
                act.label,
              ),
            ),
          ),
        );
      }, fail);
    }, 250);
  });
  return found;
}
