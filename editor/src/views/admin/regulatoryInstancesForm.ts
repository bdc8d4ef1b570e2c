import { h, replaceChildren } from '../../dom';
import { nextId } from '../../blocks/ids';
import { adminApi, type RegulatoryInstance } from './adminApi';
import { errorMessage } from '../../ui/errors';

/** The instances the law gives the organisation: the administrator ticks what applies and creates them at once. */
export function regulatoryInstancesForm(organisationId: string, onCreated: () => void = () => {}): HTMLElement {
  const list = h('ul', { class: 'regulatory-list' });
  const status = h('p', { role: 'status', class: 'form-status' });
  const submit = h('button', { type: 'submit', class: 'button button-primary regulatory-submit' }, 'Créer les instances cochées');
  const form = h('form', { class: 'admin-form regulatory-form', 'data-organisation-id': organisationId }, list, h('p', { class: 'actions' }, submit), status);
  const load = (): void => {
    adminApi.regulatory(organisationId).then(
      (instances) =>
        replaceChildren(
          list,
          ...instances.map((instance) => {
            const id = nextId(`instance-${instance.kind}`);
            const box = h('input', { type: 'checkbox', id, value: instance.kind });
            box.checked = instance.instanceId !== null || instance.ticked;
            box.disabled = instance.instanceId !== null;
            return h(
              'li',
              { class: 'checkbox' },
              box,
              h('label', { for: id }, instance.title, h('span', { class: 'legal-basis' }, ` (${instance.basis})`), instance.instanceId ? ' — créée' : ''),
            );
          }),
        ),
      (e: unknown) => (status.textContent = errorMessage(e)),
    );
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const kinds = [...list.querySelectorAll<HTMLInputElement>('input:checked:not(:disabled)')].map((b) => b.value as RegulatoryInstance['kind']);
    if (kinds.length === 0) {
      status.textContent = 'Aucune nouvelle instance cochée.';
      return;
    }
    adminApi.createRegulatory(organisationId, kinds).then(
      ({ created }) => {
        status.textContent = `${created.length} instance(s) créée(s) : ${created.map((c) => c.name).join(', ')}.`;
        load();
        onCreated();
      },
      (e: unknown) => (status.textContent = errorMessage(e)),
    );
  });
  load();
  return form;
}
