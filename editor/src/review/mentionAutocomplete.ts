import { h } from '../dom';

export interface Mentionable {
  id: string;
  name: string;
}

/** Lower case without accents, so "@helene" finds "Hélène". */
const fold = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

/** The "@…" being typed just before the caret (no line break, at most 40 characters), or null. */
function mentionQuery(value: string, caret: number): { start: number; query: string } | null {
  const before = value.slice(0, caret);
  const at = before.lastIndexOf('@');
  if (at < 0 || (at > 0 && !/\s/.test(before[at - 1]!))) return null;
  const query = before.slice(at + 1);
  if (query.length > 40 || /[\n@]/.test(query)) return null;
  return { start: at, query };
}

let lists = 0;

/**
 * @mention autocomplete for a comment box (issue 21): typing "@" and the start of a name lists the
 * project's members who match; ↑/↓ choose, Entrée or Tab inserts "@Prénom Nom ", Échap closes;
 * a click works too. The list is an ARIA listbox tied to the box (combobox pattern), so screen
 * readers announce the option chosen. `members` is read at each keystroke (the list can change).
 */
export function attachMentionAutocomplete(box: HTMLTextAreaElement, members: () => Mentionable[]): HTMLElement {
  const listId = `mention-list-${++lists}`;
  const list = h('ul', { id: listId, role: 'listbox', class: 'mention-list', hidden: true, 'aria-label': 'Membres du projet à mentionner' });
  let matches: Mentionable[] = [];
  let active = 0;
  let query: { start: number; query: string } | null = null;
  box.setAttribute('role', 'combobox');
  box.setAttribute('aria-autocomplete', 'list');
  box.setAttribute('aria-controls', listId);
  box.setAttribute('aria-expanded', 'false');

  const close = (): void => {
    matches = [];
    query = null;
    list.hidden = true;
    list.replaceChildren();
    box.setAttribute('aria-expanded', 'false');
    box.removeAttribute('aria-activedescendant');
  };
  const choose = (member: Mentionable): void => {
    if (!query) return;
    const caret = box.selectionStart ?? box.value.length;
    const inserted = `@${member.name} `;
    box.value = box.value.slice(0, query.start) + inserted + box.value.slice(caret);
    const at = query.start + inserted.length;
    box.setSelectionRange(at, at);
    close();
    box.dispatchEvent(new Event('input', { bubbles: true }));
  };
  const render = (): void => {
    list.replaceChildren(
      ...matches.map((m, i) =>
        h(
          'li',
          {
            id: `${listId}-${i}`,
            role: 'option',
            class: `mention-option${i === active ? ' active' : ''}`,
            'aria-selected': i === active ? 'true' : 'false',
            'data-user-id': m.id,
            // Before the box loses focus, so the choice lands where the caret was.
            onmousedown: (event: Event) => {
              event.preventDefault();
              choose(m);
            },
          },
          m.name,
        ),
      ),
    );
    list.hidden = false;
    box.setAttribute('aria-expanded', 'true');
    box.setAttribute('aria-activedescendant', `${listId}-${active}`);
  };
  const update = (): void => {
    query = mentionQuery(box.value, box.selectionStart ?? box.value.length);
    const wanted = query ? fold(query.query) : '';
    matches = query
      ? members()
          .filter((m) => fold(m.name).includes(wanted))
          .sort((a, b) => a.name.localeCompare(b.name, 'fr'))
          .slice(0, 8)
      : [];
    if (matches.length === 0) {
      close();
      return;
    }
    active = Math.min(active, matches.length - 1);
    render();
  };

  box.addEventListener('input', (event) => {
    // The input event `choose` dispatches itself must not reopen the list.
    if (event.isTrusted) {
      active = 0;
      update();
    }
  });
  box.addEventListener('keydown', (event) => {
    if (matches.length === 0) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      active = (active + (event.key === 'ArrowDown' ? 1 : matches.length - 1)) % matches.length;
      render();
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      event.preventDefault();
      choose(matches[active]!);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      close();
    }
  });
  box.addEventListener('blur', close);
  return list;
}
