import type * as Y from 'yjs';
import { modalities } from '../../../schemas/modalities';
import { pmpItemField, suggestPmpItems, type PmpItem, type PmpItems } from '../../../schemas/pmpLinks';
import { h } from '../dom';
import { mapField } from './fieldBinding';
import { selectField } from './fields';
import { createLifetime } from '../ui/part';
import type { RecordView } from './keyedList';

/** The PMP items a document may cite, fetched once per open project (GET /api/projects/:id/pmp-items). */
export type PmpItemsSource = () => Promise<PmpItems>;

/** « Filière : Cardiologie », « Fiche-action : Unité neuro-vasculaire (Cardiologie) – e) ». */
export const pmpItemLabel = (item: PmpItem): string => {
  if (item.kind === 'filiere') return `Filière : ${item.label || 'sans nom'}`;
  const modality = modalities.find((m) => m.id === item.modality);
  return `Fiche-action : ${item.label || 'sans titre'}${item.filiereName ? ` (${item.filiereName})` : ''}${modality ? ` – ${modality.letter})` : ''}`;
};

/**
 * « Met en œuvre (PMP du GHT) »: a choice of the PMP filière or fiche-action the record
 * implements, and next to it a suggestion from the record's title. The suggestion is a button:
 * nothing is linked until someone presses it or picks an item (issue 24).
 */
export function createPmpLinkField(
  record: Y.Map<unknown>,
  options: { source: PmpItemsSource; editable: boolean; titleOf(): string; context?: string },
): RecordView {
  const life = createLifetime();
  const field = mapField(record, pmpItemField);
  const select = selectField({
    label: 'Met en œuvre (PMP du GHT)',
    context: options.context,
    field,
    editable: options.editable,
    options: [{ value: '', label: '— aucun lien —' }],
  });
  const suggestion = h('p', { class: 'pmp-suggestion', hidden: true, 'aria-live': 'polite' });
  const element = h('div', { class: 'pmp-link field-wide', hidden: true }, select.element, suggestion);
  let items: PmpItem[] = [];

  const refreshSuggestion = (): void => {
    const best = field.read() === '' && options.editable ? suggestPmpItems(options.titleOf(), items)[0] : undefined;
    suggestion.hidden = !best;
    if (!best) {
      suggestion.replaceChildren();
      return;
    }
    const accept = h('button', { type: 'button', class: 'button button-small button-tertiary' }, 'Lier');
    accept.addEventListener('click', () => {
      field.write(best.item.id);
      refresh();
    });
    suggestion.replaceChildren(`Suggestion : ${pmpItemLabel(best.item)} (ressemblance ${Math.round(best.score * 100)} %) `, accept);
  };
  const refresh = (): void => {
    select.refresh();
    refreshSuggestion();
  };

  options
    .source()
    .then((found) => {
      if (life.ended || !found.pmpProjectId) return;
      items = found.items;
      const origin = found.source === 'adopted' ? 'version adoptée' : 'projet en cours';
      select.setOptions([{ value: '', label: '— aucun lien —' }, ...items.map((item) => ({ value: item.id, label: pmpItemLabel(item) }))]);
      select.control.title = `${found.pmpTitle ?? 'PMP'} (${origin})`;
      element.hidden = false;
      refresh();
    })
    .catch(() => {
      // Without the PMP's items the link cannot be chosen; a link already there stays as it is.
    });
  return { element, refresh, destroy: life.end };
}
