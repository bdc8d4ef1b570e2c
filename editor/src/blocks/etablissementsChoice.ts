import type * as Y from 'yjs';
import type { Etablissement } from '../../../schemas/structured';
import { h } from '../dom';
import { nextId } from './ids';

/**
 * "Établissements concernés": one checkbox per établissement of the project, bound to a
 * Y.Array of ids (concurrent ticks by two people both stay).
 */
export function createEtablissementsChoice(chosen: Y.Array<string> | undefined, etablissements: Etablissement[], editable: boolean) {
  const boxes = etablissements.map((etablissement) => {
    const id = nextId('etab');
    const box = h('input', { type: 'checkbox', id, value: etablissement.id });
    box.disabled = !editable || !chosen;
    box.addEventListener('change', () => {
      if (!chosen) return;
      chosen.doc?.transact(() => {
        const values = chosen.toArray();
        if (box.checked && !values.includes(etablissement.id)) chosen.push([etablissement.id]);
        if (!box.checked) {
          // From the end, so earlier indexes stay valid; duplicates from concurrent ticks go too.
          for (let i = values.length - 1; i >= 0; i -= 1) if (values[i] === etablissement.id) chosen.delete(i, 1);
        }
      });
    });
    return { box, element: h('div', { class: 'checkbox' }, box, h('label', { for: id }, etablissement.name)) };
  });
  const element = h(
    'fieldset',
    { class: 'form-field etablissements-choice' },
    h('legend', {}, 'Établissements concernés'),
    ...(boxes.length > 0 ? boxes.map((b) => b.element) : [h('p', { class: 'empty' }, 'Aucun établissement n’est rattaché au projet.')]),
  );
  const refresh = (): void => {
    const values = new Set(chosen?.toArray() ?? []);
    for (const { box } of boxes) {
      const checked = values.has(box.value);
      if (box.checked !== checked) box.checked = checked;
    }
  };
  refresh();
  // Refreshed by the fiche's card: nothing of its own to stop.
  return { element, refresh, destroy() {} };
}
