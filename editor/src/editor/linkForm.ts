import type { Editor } from '@tiptap/core';
import { isAllowedLink } from '../../../schemas/richText';
import { h } from '../dom';

export const refusedLinkMessage = 'Adresse refusée : seuls les liens commençant par http://, https:// ou mailto: sont acceptés.';

/** The outcome of a link typed by the user (pure, for tests). */
export function checkLink(raw: string): { ok: true; href: string | null } | { ok: false; message: string } {
  const href = raw.trim();
  if (href === '') return { ok: true, href: null };
  return isAllowedLink(href) ? { ok: true, href } : { ok: false, message: refusedLinkMessage };
}

/** The small form that sets, changes or removes the link on the selection. */
export function linkForm(editor: Editor): { element: HTMLFormElement; open(): void; close(): void; isOpen(): boolean } {
  const input = h('input', {
    id: 'link-url',
    type: 'url',
    inputmode: 'url',
    autocomplete: 'url',
    placeholder: 'https://www.exemple.fr',
    'aria-describedby': 'link-hint',
  });
  const error = h('p', { id: 'link-error', class: 'field-error', role: 'alert' });
  const close = (): void => {
    element.hidden = true;
    error.textContent = '';
    input.removeAttribute('aria-invalid');
    editor.commands.focus();
  };
  const remove = (): void => {
    editor.chain().focus().extendMarkRange('link').unsetLink().run();
    close();
  };
  const element = h(
    'form',
    { class: 'link-form', hidden: true, novalidate: true, 'aria-label': 'Lien' },
    h('label', { for: 'link-url' }, 'Adresse du lien'),
    h('p', { id: 'link-hint', class: 'form-hint' }, 'Commence par https://, http:// ou mailto:. Laisser vide pour retirer le lien.'),
    h(
      'div',
      { class: 'link-row' },
      input,
      h('button', { type: 'submit', id: 'link-apply', class: 'button button-primary' }, 'Appliquer'),
      h('button', { type: 'button', class: 'button', onclick: remove }, 'Retirer le lien'),
      h('button', { type: 'button', class: 'button button-tertiary', onclick: close }, 'Annuler'),
    ),
    error,
  );

  element.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    }
  });
  element.addEventListener('submit', (event) => {
    event.preventDefault();
    const result = checkLink(input.value);
    if (!result.ok) {
      error.textContent = result.message;
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      return;
    }
    if (result.href === null) return remove();
    const { empty } = editor.state.selection;
    if (empty && !editor.isActive('link')) {
      // No text selected: the address itself becomes the link text.
      editor
        .chain()
        .focus()
        .insertContent({ type: 'text', text: result.href, marks: [{ type: 'link', attrs: { href: result.href } }] })
        .run();
    } else {
      editor.chain().focus().extendMarkRange('link').setLink({ href: result.href }).run();
    }
    close();
  });

  return {
    element,
    open() {
      const current = editor.getAttributes('link').href;
      input.value = typeof current === 'string' ? current : '';
      error.textContent = '';
      input.removeAttribute('aria-invalid');
      element.hidden = false;
      input.focus();
      input.select();
    },
    close,
    isOpen: () => !element.hidden,
  };
}
