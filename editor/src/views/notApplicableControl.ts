import type * as Y from 'yjs';
import { metaMapName } from '../../../schemas/docLayout';
import { documentKinds, type DocumentKind, type SectionNode } from '../../../schemas/project';
import { getTemplate, notApplicableChapterIds } from '../../../templates';
import { ApiError, request } from '../api';
import { nextId } from '../blocks/ids';
import { h, replaceChildren } from '../dom';
import type { UpdatablePart } from '../ui/part';

/**
 * A part the law requires only where it applies (the PM's pôles annex…): everyone sees that it
 * was marked "sans objet" and why; a coordinator marks it, with the justification completeness
 * requires, or clears the mark. The server applies it to the shared outline (it refuses, with
 * its reason, a part a CHU must always write).
 */
export function createNotApplicableControl(options: { projectId: string; doc: Y.Doc; sectionId: string; canManage: boolean }): UpdatablePart<SectionNode> {
  // Read when shown: the document's kind arrives with its first sync.
  const allowed = (): boolean => {
    const stored = options.doc.getMap<unknown>(metaMapName).get('kind');
    const kind = documentKinds.includes(stored as DocumentKind) ? (stored as DocumentKind) : null;
    return kind !== null && notApplicableChapterIds(getTemplate(kind), { chu: false }).includes(options.sectionId);
  };
  const shown = h('p', { class: 'not-applicable-note' });
  const live = h('p', { class: 'sr-only', 'aria-live': 'polite' });
  const error = h('p', { class: 'field-error', role: 'alert' });
  const url = `/api/projects/${encodeURIComponent(options.projectId)}/sections/${encodeURIComponent(options.sectionId)}/not-applicable`;
  const send = (method: 'PUT' | 'DELETE', body: unknown, done: string): void => {
    error.textContent = '';
    request(method, url, body).then(
      () => {
        live.textContent = done;
      },
      (e: unknown) => {
        error.textContent = e instanceof ApiError ? (e.fields[0]?.message ?? e.message) : 'La modification n’a pas pu être enregistrée.';
      },
    );
  };

  let form: HTMLElement | null = null;
  let clearButton: HTMLButtonElement | null = null;
  const buildForm = (): HTMLElement => {
    const id = nextId('sans-objet');
    const reason = h('textarea', { id, rows: '3', 'aria-describedby': `${id}-hint` });
    const submit = h('button', { type: 'submit', class: 'button button-secondary' }, 'Déclarer sans objet');
    clearButton = h('button', { type: 'button', class: 'button button-secondary' }, 'Retirer « sans objet »');
    clearButton.addEventListener('click', () => send('DELETE', undefined, 'La partie est de nouveau à rédiger.'));
    const formElement = h(
      'form',
      { class: 'not-applicable-form' },
      h('label', { for: id }, 'Pourquoi cette partie est-elle sans objet ?'),
      h(
        'p',
        { class: 'form-hint', id: `${id}-hint` },
        'Exigée seulement « le cas échéant » : indiquez la raison (10 caractères au moins), elle figurera dans le document.',
      ),
      reason,
      h('p', {}, submit),
    );
    formElement.addEventListener('submit', (event) => {
      event.preventDefault();
      send('PUT', { justification: reason.value }, 'Partie déclarée sans objet.');
    });
    return h(
      'details',
      { class: 'section-manage' },
      h('summary', {}, 'Partie sans objet'),
      h('div', { class: 'section-manage-body' }, formElement, h('p', {}, clearButton)),
    );
  };

  const element = h('div', { class: 'not-applicable' }, shown, error, live);
  return {
    element,
    update(node: SectionNode): void {
      if (!form && options.canManage && allowed()) {
        form = buildForm();
        shown.after(form);
      }
      replaceChildren(shown, ...(node.notApplicable ? [h('strong', {}, 'Sans objet : '), node.notApplicable.reason] : []));
      if (clearButton) clearButton.hidden = !node.notApplicable;
    },
    // Its requests answer into its own elements: nothing to stop.
    destroy() {},
  };
}
