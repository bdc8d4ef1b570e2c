import type { InvitationAnswer } from '../../../../schemas/api/users';
import { request } from '../../api';
import { h } from '../../dom';
import { roleLabels } from './adminApi';
import { errorWithFields } from '../../ui/errors';

/**
 * "Inviter une personne" in an organisation: an account with the role chosen and a link valid
 * 72 h to choose a password, e-mailed; without e-mail the link is shown here, once.
 */
export function invitationForm(organisationId: string, roles: string[], onInvited: () => void): HTMLFormElement {
  const email = h('input', { type: 'email', id: 'invite-email', required: true, maxlength: 254, autocomplete: 'off' });
  const name = h('input', { type: 'text', id: 'invite-name', required: true, maxlength: 120, autocomplete: 'off' });
  const fn = h('input', { type: 'text', id: 'invite-function', maxlength: 120, autocomplete: 'off', placeholder: 'PCME, directeur général, secrétaire…' });
  const role = h('select', { id: 'invite-role' }, ...roles.map((r) => h('option', { value: r }, roleLabels[r] ?? r)));
  const status = h('div', { role: 'status', class: 'form-status', id: 'invite-status' });
  const submit = h('button', { type: 'submit', class: 'button button-primary', id: 'invite-submit' }, 'Inviter');
  const field = (control: HTMLElement, label: string) => h('div', { class: 'form-field' }, h('label', { for: control.id }, label), control);
  const form = h(
    'form',
    { class: 'admin-form', id: 'invitation-form', novalidate: true },
    field(email, 'Adresse électronique'),
    field(name, 'Nom'),
    field(fn, 'Fonction'),
    field(role, 'Rôle dans l’organisation'),
    h('p', { class: 'actions' }, submit),
    status,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    status.replaceChildren();
    if (!email.value.trim() || !name.value.trim()) {
      status.textContent = 'Indiquez l’adresse et le nom de la personne.';
      return;
    }
    submit.disabled = true;
    request<InvitationAnswer>('POST', '/api/users/invitations', {
      email: email.value.trim(),
      name: name.value.trim(),
      ...(fn.value.trim() ? { function: fn.value.trim() } : {}),
      organisationId,
      role: role.value,
    }).then(
      (answer) => {
        submit.disabled = false;
        const who = name.value.trim();
        form.reset();
        status.replaceChildren(
          h('p', {}, answer.emailed ? `Invitation envoyée par courriel à ${who} (lien valable 72 heures).` : `Invitation créée pour ${who}.`),
        );
        if (answer.link) {
          status.append(
            h(
              'p',
              {},
              'Aucun courriel n’a pu partir : transmettez ce lien à la personne, il ne sera plus affiché : ',
              h('code', { class: 'invitation-link' }, answer.link),
            ),
          );
        }
        onInvited();
      },
      (error: unknown) => {
        submit.disabled = false;
        status.textContent = errorWithFields(error, { withPath: true });
      },
    );
  });
  return form;
}
