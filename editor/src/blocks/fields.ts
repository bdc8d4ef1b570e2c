import { h } from '../dom';
import { bindSelect, bindText, type SharedField } from './fieldBinding';
import { nextId } from './ids';

/** A control with its visible label, bound to a shared field. */
export interface BoundField<C extends HTMLElement> {
  element: HTMLElement;
  control: C;
  refresh(): void;
  /** Changes the words read before the label ("Étape 3, ") when the record's number changes. */
  setContext(context: string): void;
}

interface TextFieldOptions {
  label: string;
  /** Read before the label by screen readers only ("Étape 2, "), to tell repeated fields apart. */
  context?: string;
  field: SharedField;
  editable: boolean;
  multiline?: boolean;
  type?: 'text' | 'date';
  /** Where completeness items about this field point (see paths.ts). */
  path?: string;
  className?: string;
}

function labelFor(id: string, label: string, context = ''): { label: HTMLLabelElement; setContext(context: string): void } {
  const prefix = h('span', { class: 'sr-only' }, context);
  return {
    label: h('label', { for: id }, prefix, label),
    setContext: (next) => {
      if (prefix.textContent !== next) prefix.textContent = next;
    },
  };
}

export function textField(options: TextFieldOptions): BoundField<HTMLInputElement | HTMLTextAreaElement> {
  const id = nextId('champ');
  const control = options.multiline
    ? h('textarea', { id, rows: 3, 'data-path': options.path, spellcheck: 'true', lang: 'fr' })
    : h('input', { id, type: options.type ?? 'text', 'data-path': options.path });
  const refresh = bindText(control, options.field, options.editable);
  const label = labelFor(id, options.label, options.context);
  const element = h('div', { class: `form-field ${options.className ?? ''}` }, label.label, control);
  return { element, control, refresh, setContext: label.setContext };
}

interface SelectFieldOptions {
  label: string;
  context?: string;
  field: SharedField;
  editable: boolean;
  options: { value: string; label: string }[];
  className?: string;
}

/** A select whose options can change (the filières of the document): set them with setOptions. */
export function selectField(options: SelectFieldOptions): BoundField<HTMLSelectElement> & { setOptions(list: { value: string; label: string }[]): void } {
  const id = nextId('choix');
  const control = h('select', { id });
  let optionsKey = '';
  let latest = options.options;
  const setOptions = (list: { value: string; label: string }[]): void => {
    latest = list;
    const current = options.field.read();
    // A value no option names (a filière removed meanwhile) is kept visible, not silently changed.
    const all = current && !list.some((o) => o.value === current) ? [...list, { value: current, label: 'valeur supprimée ou inconnue' }] : list;
    const key = JSON.stringify(all);
    if (key === optionsKey) return;
    optionsKey = key;
    control.replaceChildren(...all.map((o) => h('option', { value: o.value }, o.label)));
    control.value = current;
  };
  setOptions(options.options);
  const sync = bindSelect(control, options.field, options.editable);
  const label = labelFor(id, options.label, options.context);
  const element = h('div', { class: `form-field ${options.className ?? ''}` }, label.label, control);
  return {
    element,
    control,
    setOptions,
    setContext: label.setContext,
    refresh: () => {
      setOptions(latest);
      sync();
    },
  };
}
