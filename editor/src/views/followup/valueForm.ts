import type { FollowupIndicator } from '../../../../schemas/api/followup';
import { unitSymbols } from '../../../../schemas/indicatorUnits';
import { ApiError } from '../../api';
import { h } from '../../dom';
import { followupApi } from './followupApi';
import { unexpectedError } from '../../ui/errors';

const unitHint = (indicator: FollowupIndicator): string => {
  if (indicator.unit === 'percent') return 'en %, entre 0 et 100';
  if (indicator.unit === 'count') return 'nombre entier';
  const symbol = unitSymbols[indicator.unit];
  return symbol ? `en ${symbol}` : 'nombre';
};

/**
 * The entry of one year's value of an indicator (pilots and coordinators): year, value, date of
 * measure, source, comment. The server checks the value against the unit; a refused field is
 * named next to it (RGAA 11.10: the error says which field and why).
 */
export function valueForm(projectId: string, indicator: FollowupIndicator, years: number[], onSaved: () => void): HTMLFormElement {
  const id = (name: string) => `suivi-${indicator.id}-${name}`;
  const errors = new Map<string, HTMLElement>();
  const field = (name: string, label: string, input: HTMLInputElement | HTMLSelectElement, hint?: string) => {
    const error = h('p', { class: 'field-error', id: id(`${name}-erreur`), hidden: true });
    errors.set(name, error);
    input.id = id(name);
    input.name = name;
    input.setAttribute('aria-describedby', id(`${name}-erreur`));
    return h('div', { class: 'field' }, h('label', { for: id(name) }, label, hint ? h('span', { class: 'hint' }, ` (${hint})`) : null), input, error);
  };
  const year = h('select', {}, ...years.map((y) => h('option', { value: String(y) }, String(y))));
  year.value = String(years[years.length - 1] ?? '');
  const value = h('input', { type: 'text', inputmode: 'decimal', required: true, autocomplete: 'off' });
  const date = h('input', { type: 'date' });
  const source = h('input', { type: 'text', maxlength: '200' });
  const comment = h('input', { type: 'text', maxlength: '2000' });
  const status = h('p', { class: 'form-status', role: 'status' });
  const form = h(
    'form',
    { class: 'value-form', novalidate: true, 'aria-label': `Saisir une valeur : ${indicator.label}` },
    field('year', 'Année', year),
    field('value', 'Valeur', value, unitHint(indicator)),
    field('date', 'Date de mesure', date, 'facultative'),
    field('source', 'Source', source, 'facultative'),
    field('comment', 'Commentaire', comment, 'facultatif'),
    h('button', { type: 'submit', class: 'button button-primary' }, 'Enregistrer la valeur'),
    status,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    for (const e of errors.values()) e.hidden = true;
    status.textContent = 'Enregistrement…';
    followupApi
      .putValue(projectId, indicator.id, Number(year.value), {
        value: value.value,
        date: date.value || null,
        source: source.value || null,
        comment: comment.value || null,
      })
      .then(
        () => {
          status.textContent = `Valeur ${year.value} enregistrée.`;
          onSaved();
        },
        (error: unknown) => {
          status.textContent = '';
          if (!(error instanceof ApiError)) {
            status.textContent = unexpectedError;
            return;
          }
          const shown = error.fields.filter((f) => errors.has(f.path));
          for (const f of shown) {
            const el = errors.get(f.path)!;
            el.textContent = f.message;
            el.hidden = false;
          }
          if (shown.length === 0) status.textContent = error.message;
          else (form.querySelector(`#${id(shown[0]!.path)}`) as HTMLElement | null)?.focus();
        },
      );
  });
  return form;
}
