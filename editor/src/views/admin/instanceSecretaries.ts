import type { InstanceView as Instance } from '../../../../schemas/api/governanceViews';
import { request } from '../../api';
import { h, replaceChildren } from '../../dom';
import { nextId } from '../../blocks/ids';
import { personSearch } from './personSearch';
import { errorMessage } from '../../ui/errors';

const secretaryPath = (instanceId: string, userId: string) => `/api/instances/${encodeURIComponent(instanceId)}/secretaries/${encodeURIComponent(userId)}`;

/**
 * Who keeps each instance's calendar, named from the organisation's page: an instance without a
 * secretary blocks every act its séances should record, so the count leads the section.
 */
export function instanceSecretaries(organisationId: string): HTMLElement {
  const summary = h('p', { class: 'secretaries-summary', role: 'status' });
  const list = h('ul', { class: 'secretaries-list' });
  const status = h('p', { role: 'status', class: 'form-status' });

  const adder = (instance: Instance): HTMLElement => {
    const id = nextId('secretaire');
    const input = h('input', { type: 'search', id, autocomplete: 'off', minlength: 2, maxlength: 100 });
    const found = personSearch(
      input,
      {
        label: 'Nommer secrétaire',
        run: (person) =>
          request<void>('PUT', secretaryPath(instance.id, person.id)).then(() => {
            status.textContent = `${person.name} tient désormais le secrétariat de ${instance.name}.`;
            load();
          }),
      },
      (text) => (status.textContent = text),
    );
    return h('div', { class: 'form-field' }, h('label', { for: id }, `Nommer un(e) secrétaire pour ${instance.name}`), input, found);
  };

  const load = (): void => {
    request<Instance[]>('GET', `/api/instances?organisationId=${encodeURIComponent(organisationId)}`).then(
      (instances) => {
        const without = instances.filter((i) => i.secretaries.length === 0);
        summary.textContent =
          instances.length === 0
            ? 'Aucune instance : créez d’abord les instances réglementaires.'
            : without.length === 0
              ? 'Chaque instance a son secrétariat.'
              : `${without.length} instance(s) sans secrétaire : leurs séances ne peuvent pas être tenues ni leurs actes enregistrés.`;
        replaceChildren(
          list,
          ...instances.map((instance) =>
            h(
              'li',
              { class: 'secretaries-instance', 'data-instance-id': instance.id },
              h('h3', {}, instance.name),
              instance.secretaries.length === 0
                ? h('p', { class: 'warning' }, 'Sans secrétaire.')
                : h(
                    'ul',
                    {},
                    ...instance.secretaries.map((s) =>
                      h(
                        'li',
                        {},
                        s.name,
                        ' ',
                        h(
                          'button',
                          {
                            type: 'button',
                            class: 'button button-tertiary',
                            onclick: () =>
                              request<void>('DELETE', secretaryPath(instance.id, s.id)).then(load, (e: unknown) => (status.textContent = errorMessage(e))),
                          },
                          'Retirer',
                        ),
                      ),
                    ),
                  ),
              adder(instance),
            ),
          ),
        );
      },
      (e: unknown) => (status.textContent = errorMessage(e)),
    );
  };
  load();
  return h('div', {}, summary, list, status);
}
