import type * as Y from 'yjs';
import { textOf, writeTextField } from '../../../schemas/sharedText';
import type { FieldPlace } from '../../../schemas/documentText';
import { shiftCaret } from './caret';

export type TextControl = HTMLInputElement | HTMLTextAreaElement;

/** A string field of a shared record: what a control reads and writes. */
export interface SharedField {
  /** The record and key it is stored under, when it is shared text (the find bar focuses its control). */
  place?: FieldPlace;
  read(): string;
  /** `caret`: where the user's edit ends in the new value (places it in a run of equal letters). */
  write(value: string, caret?: number): void;
}

/** Field values are strings by contract (docs/YJS.md); anything else reads as ''. */
export function mapField(map: Y.Map<unknown>, key: string): SharedField {
  return {
    read: () => {
      const value = map.get(key);
      return typeof value === 'string' ? value : '';
    },
    write: (value) => map.set(key, value),
  };
}

/**
 * A text field held as shared text (docs/YJS.md): each keystroke is written as the one edit it
 * makes, merged by character with what others type in the same field at the same time.
 */
export function textMapField(map: Y.Map<unknown>, key: string): SharedField {
  return {
    place: { map, key },
    read: () => textOf(map.get(key)),
    write: (value, caret) => writeTextField(map, key, value, caret),
  };
}

/**
 * Puts a value that changed elsewhere into a control. The control is never rebuilt, and when
 * the user is typing in it their caret stays where it was relative to the text around it.
 */
export function syncControl(control: TextControl | HTMLSelectElement, value: string): void {
  if (control.value === value) return;
  const focused = control.ownerDocument.activeElement === control;
  if (!focused || control instanceof HTMLSelectElement || control.selectionStart === null || control.selectionEnd === null) {
    control.value = value;
    return;
  }
  const before = control.value;
  const start = shiftCaret(before, value, control.selectionStart);
  const end = shiftCaret(before, value, control.selectionEnd);
  control.value = value;
  control.setSelectionRange(start, end);
}

/**
 * Binds a text control to a shared field: each keystroke writes the field (last writer wins per
 * field); the returned function brings the control up to date after a change of the document.
 */
export function bindText(control: TextControl, field: SharedField, editable: boolean): () => void {
  if (field.place) registerControl(field.place, control);
  control.value = field.read();
  control.readOnly = !editable;
  // Date inputs report '' while a date is half typed: they write on "change" only.
  const event = control instanceof HTMLInputElement && control.type === 'date' ? 'change' : 'input';
  if (editable) control.addEventListener(event, () => field.write(control.value, control.selectionEnd ?? undefined));
  return () => syncControl(control, field.read());
}

/** Binds a select to a shared field; readers get it disabled (a select cannot be read-only). */
export function bindSelect(select: HTMLSelectElement, field: SharedField, editable: boolean): () => void {
  select.value = field.read();
  select.disabled = !editable;
  if (editable) select.addEventListener('change', () => field.write(select.value));
  return () => syncControl(select, field.read());
}

/** The controls showing each shared text field, to find the one on screen for a field. */
const controlsByField = new WeakMap<Y.Map<unknown>, Map<string, Set<HTMLElement>>>();

/** Remembers that `control` shows the field (records are re-rendered: older controls drop out once detached). */
export function registerControl(place: FieldPlace, control: HTMLElement): void {
  const byKey = controlsByField.get(place.map) ?? new Map<string, Set<HTMLElement>>();
  controlsByField.set(place.map, byKey);
  const controls = byKey.get(place.key) ?? new Set<HTMLElement>();
  for (const old of controls) if (!old.isConnected) controls.delete(old);
  controls.add(control);
  byKey.set(place.key, controls);
}

/** The control on the page that shows a field, if any. */
export function controlOf(place: FieldPlace): HTMLElement | null {
  for (const control of controlsByField.get(place.map)?.get(place.key) ?? []) if (control.isConnected) return control;
  return null;
}
