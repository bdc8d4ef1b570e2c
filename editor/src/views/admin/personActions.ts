import type { InvitationAnswer, ListedPerson } from '../../../../schemas/api/users';
import { request } from '../../api';
import { h } from '../../dom';
import { nextId } from '../../blocks/ids';
import { errorWithFields } from '../../ui/errors';

/** An account as the administration screens manage it (as GET /api/users lists it to an administrator). */
export type ManagedPerson = Omit<ListedPerson, 'email'>;

const user = (id: string) => `/api/users/${encodeURIComponent(id)}`;

/**
 * What an administrator does to an account: correct its name and function, deactivate it (its
 * sessions and open editors end at once, on the server) or reactivate it, and send a pending
 * invitation again. The server decides who may; a refusal is shown where the action was.
 */
export function personActions(person: ManagedPerson, onChanged: (notice: string) => void): HTMLElement {
  const status = h('span', { role: 'status', class: 'form-status' });
  const fail = (error: unknown) => (status.textContent = errorWithFields(error, { withPath: true }));

  const nameId = nextId('personne-nom');
  const functionId = nextId('personne-fonction');
  const name = h('input', { type: 'text', id: nameId, value: person.name, maxlength: 120, required: true });
  const fn = h('input', { type: 'text', id: functionId, value: person.function ?? '', maxlength: 120 });
  const edit = h(
    'form',
    { class: 'person-edit', hidden: true, novalidate: true },
    h('div', { class: 'form-field' }, h('label', { for: nameId }, 'Nom'), name),
    h('div', { class: 'form-field' }, h('label', { for: functionId }, 'Fonction'), fn),
    h('button', { type: 'submit', class: 'button button-primary button-small' }, 'Enregistrer'),
  );
  edit.addEventListener('submit', (event) => {
    event.preventDefault();
    request<void>('PATCH', user(person.id), { name: name.value.trim(), function: fn.value.trim() }).then(
      () => onChanged(`${name.value.trim()} : fiche enregistrée.`),
      fail,
    );
  });
  const toggleEdit = h('button', { type: 'button', class: 'button button-tertiary button-small person-edit-toggle', 'aria-expanded': 'false' }, 'Modifier');
  toggleEdit.addEventListener('click', () => {
    edit.hidden = !edit.hidden;
    toggleEdit.setAttribute('aria-expanded', String(!edit.hidden));
    if (!edit.hidden) name.focus();
  });

  const activation = h(
    'button',
    { type: 'button', class: 'button button-tertiary button-small person-activation' },
    person.active ? 'Désactiver' : 'Réactiver',
  );
  activation.addEventListener('click', () => {
    if (
      person.active &&
      !confirm(
        `Désactiver le compte de ${person.name} ? Ses sessions et ses éditeurs ouverts sont fermés immédiatement ; rien de ce qu’il a écrit n’est perdu.`,
      )
    )
      return;
    request<void>('POST', `${user(person.id)}/${person.active ? 'deactivate' : 'reactivate'}`).then(
      () => onChanged(`Compte de ${person.name} ${person.active ? 'désactivé' : 'réactivé'}.`),
      fail,
    );
  });

  const resend =
    person.pending && person.active
      ? h('button', { type: 'button', class: 'button button-tertiary button-small person-resend' }, 'Renvoyer l’invitation')
      : null;
  resend?.addEventListener('click', () => {
    request<InvitationAnswer>('POST', `${user(person.id)}/invitation`).then((answer) => {
      status.replaceChildren(
        answer.emailed ? 'Nouvelle invitation envoyée (lien valable 72 heures). ' : 'Nouvelle invitation créée. ',
        answer.link ? h('span', {}, 'Lien à transmettre, affiché une seule fois : ', h('code', { class: 'invitation-link' }, answer.link)) : '',
      );
    }, fail);
  });

  return h('div', { class: 'person-actions' }, toggleEdit, activation, resend, status, edit);
}
