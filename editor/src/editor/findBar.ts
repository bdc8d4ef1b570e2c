import type { Editor } from '@tiptap/core';
import type * as Y from 'yjs';
import { documentTextUnits, type FieldPlace } from '../../../schemas/documentText';
import { limits } from '../../../schemas/limits';
import { findMatches } from '../../../schemas/textSearch';
import { controlOf } from '../blocks/fieldBinding';
import { h } from '../dom';
import { showFind } from './findHighlight';

/**
 * « Rechercher dans le document »: one bar for the whole document, whichever section is open.
 * It counts the matches in every section's text and structured fields (schemas/documentText.ts,
 * accents and case ignored), goes from one to the next across sections, highlights a match in
 * the text (findHighlight.ts) and focuses, with the words selected, a field that holds one.
 */

interface Match {
  sectionId: string;
  /** null: the section's rich text. */
  field: FieldPlace | null;
  /** Index among the section's rich-text matches (for the highlight). */
  textIndex: number;
  start: number;
  end: number;
}

export interface FindHost {
  doc: Y.Doc;
  /** The section open now. */
  sectionId(): string | null;
  /** The open section's editor, once mounted. */
  editor(): Editor | null;
  /** Opens a section; resolves once its text and blocks are on the page. */
  openSection(sectionId: string): Promise<void>;
  personName(userId: string): string | undefined;
}

const plural = (n: number): string => `${n} résultat${n > 1 ? 's' : ''}`;

export function createFindBar(host: FindHost) {
  const input = h('input', {
    type: 'search',
    id: 'find-input',
    maxlength: String(limits.searchQueryLength),
    autocomplete: 'off',
    'aria-describedby': 'find-count',
  });
  const count = h('span', { class: 'find-count', id: 'find-count', role: 'status' });
  const previous = h('button', { type: 'button', class: 'button button-secondary button-small', id: 'find-previous' }, 'Précédent');
  const next = h('button', { type: 'button', class: 'button button-secondary button-small', id: 'find-next' }, 'Suivant');
  const close = h('button', { type: 'button', class: 'button button-tertiary button-small', id: 'find-close' }, 'Fermer');
  const element = h(
    'div',
    { class: 'find-bar', role: 'search', 'aria-label': 'Rechercher dans le document', hidden: true },
    h('label', { for: 'find-input' }, 'Rechercher dans le document'),
    input,
    count,
    previous,
    next,
    close,
  );

  let matches: Match[] = [];
  let current = -1;
  let query = '';
  let recount: ReturnType<typeof setTimeout> | null = null;

  const compute = (): void => {
    query = input.value.trim();
    matches = [];
    if (query) {
      for (const unit of documentTextUnits(host.doc, { personName: host.personName })) {
        findMatches(unit.text, query).forEach((m, i) => {
          matches.push({ sectionId: unit.sectionId, field: unit.field, textIndex: unit.field ? -1 : i, start: m.start, end: m.end });
        });
      }
    }
  };

  const renderCount = (): void => {
    if (!query) count.textContent = '';
    else if (matches.length === 0) count.textContent = 'Aucun résultat dans le document';
    else count.textContent = current >= 0 ? `${current + 1} sur ${plural(matches.length)}` : plural(matches.length);
    const none = matches.length === 0;
    previous.disabled = none;
    next.disabled = none;
  };

  /** The open section's text shows its matches (the current one if it is there). */
  const highlight = (): void => {
    const editor = host.editor();
    if (!editor) return;
    const match = matches[current];
    const here = match && match.sectionId === host.sectionId() && match.field === null ? match.textIndex : -1;
    showFind(editor, { query: element.hidden ? '' : query, current: here });
  };

  const show = async (index: number, focusField: boolean): Promise<void> => {
    current = index;
    renderCount();
    const match = matches[index];
    if (!match) return highlight();
    if (match.sectionId !== host.sectionId()) await host.openSection(match.sectionId);
    if (matches[current] !== match) return;
    highlight();
    if (match.field) {
      const control = controlOf(match.field);
      if (control instanceof HTMLInputElement || control instanceof HTMLTextAreaElement) {
        control.scrollIntoView({ block: 'center' });
        if (focusField) {
          control.focus();
          control.setSelectionRange(match.start, match.end);
        }
      } else if (control) {
        // A member picker (a fiche-action's pilot): focused, its chosen name is the match.
        control.scrollIntoView({ block: 'center' });
        if (focusField) control.focus();
      }
    }
  };

  /** The first match at or after the open section (a result opened from the search page starts there). */
  const firstFromHere = (): number => {
    const here = host.sectionId();
    const index = matches.findIndex((m) => m.sectionId === here);
    return index >= 0 ? index : matches.length > 0 ? 0 : -1;
  };

  const step = (delta: number): void => {
    if (matches.length === 0) return;
    const from = current < 0 ? (delta > 0 ? -1 : 0) : current;
    void show((from + delta + matches.length) % matches.length, true);
  };

  input.addEventListener('input', () => {
    compute();
    current = -1;
    renderCount();
    highlight();
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      // The first Enter goes to the first match from the open section on.
      if (current < 0 && !event.shiftKey) void show(firstFromHere(), false);
      else step(event.shiftKey ? -1 : 1);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      hide();
    }
  });
  previous.addEventListener('click', () => step(-1));
  next.addEventListener('click', () => (current < 0 ? void show(firstFromHere(), true) : step(1)));
  close.addEventListener('click', () => hide());

  // Others type meanwhile: the count follows once typing pauses (it reads every section, so never
  // between two keystrokes), the current match kept by place.
  const onUpdate = (): void => {
    if (element.hidden || !query) return;
    if (recount) clearTimeout(recount);
    recount = setTimeout(() => {
      recount = null;
      const was = matches[current];
      compute();
      current = was
        ? matches.findIndex((m) => m.sectionId === was.sectionId && m.field?.map === was.field?.map && m.field?.key === was.field?.key && m.start === was.start)
        : -1;
      renderCount();
    }, 500);
  };
  host.doc.on('update', onUpdate);

  function hide(): void {
    element.hidden = true;
    highlight();
    host.editor()?.commands.focus();
  }

  return {
    element,
    /** Opens the bar (Ctrl+F, the toolbar's button, a search result), with words to look for if given. */
    open(words?: string): void {
      element.hidden = false;
      if (words !== undefined) input.value = words;
      compute();
      current = -1;
      renderCount();
      highlight();
      input.focus();
      input.select();
      if (words) void show(firstFromHere(), false);
    },
    /** A section was mounted: its text shows the matches. */
    sectionShown(): void {
      if (!element.hidden) highlight();
    },
    destroy(): void {
      if (recount) clearTimeout(recount);
      host.doc.off('update', onUpdate);
    },
  };
}

export type FindBar = ReturnType<typeof createFindBar>;
