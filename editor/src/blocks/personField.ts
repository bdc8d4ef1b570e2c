import type * as Y from 'yjs';
import { designatedPerson, personIdKey, type PersonField } from '../../../schemas/fichePeople';
import { textOf, writeTextField } from '../../../schemas/sharedText';
import { h } from '../dom';
import { registerControl } from './fieldBinding';
import { nextId } from './ids';
import type { ProjectPeople } from './projectPeople';

/**
 * A fiche-action's pilot or référent, chosen among the project's members (schemas/fichePeople.ts):
 * the record keeps the member's id, the list shows names. The free text of an older document is
 * shown as it was until a member is chosen, which empties it in the same change.
 */
export function createPersonField(
  record: Y.Map<unknown>,
  field: PersonField,
  options: { label: string; people: ProjectPeople | undefined; editable: boolean; path?: string },
) {
  const id = nextId('personne');
  const select = h('select', { id, 'data-path': options.path, 'data-person-field': field });
  select.disabled = !options.editable;
  const legacy = h('p', { class: 'field-hint person-legacy', hidden: true });
  const element = h('div', { class: 'form-field person-field' }, h('label', { for: id }, options.label), select, legacy);
  registerControl({ map: record, key: field }, select);
  let optionsKey = '';

  const refresh = (): void => {
    const chosen = designatedPerson(record, field) ?? '';
    const people = options.people?.list() ?? [];
    const list = [{ value: '', label: '— choisir un membre du projet —' }, ...people.map((p) => ({ value: p.id, label: p.name }))];
    // Someone no longer a member (or not known yet) stays shown, never silently changed.
    if (chosen && !people.some((p) => p.id === chosen)) list.push({ value: chosen, label: people.length > 0 ? 'membre retiré du projet' : 'membre du projet' });
    const key = JSON.stringify(list);
    if (key !== optionsKey) {
      optionsKey = key;
      select.replaceChildren(...list.map((o) => h('option', { value: o.value }, o.label)));
    }
    if (select.value !== chosen) select.value = chosen;
    const text = chosen ? '' : textOf(record.get(field)).trim();
    legacy.hidden = text === '';
    legacy.textContent = text
      ? options.editable
        ? `Saisi en texte libre : « ${text} ». Choisissez la personne dans la liste pour le remplacer.`
        : `Saisi en texte libre : « ${text} ».`
      : '';
  };

  if (options.editable) {
    select.addEventListener('change', () => {
      const value = select.value;
      const apply = () => {
        record.set(personIdKey(field), value);
        if (value !== '' && textOf(record.get(field)) !== '') writeTextField(record, field, '');
      };
      if (record.doc) record.doc.transact(apply);
      else apply();
    });
  }
  const stop = options.people?.onChange(refresh);
  refresh();
  return { element, control: select, refresh, destroy: () => stop?.() };
}
