import { request, type Account } from '../api';
import { h } from '../dom';
import { errorWithFields as message } from '../ui/errors';
import { mountPage } from '../ui/page';
import type { View } from './view';

/** "#/profil": the signed-in person's name and function, and their password. */
export function mountProfilePage(main: HTMLElement, onProfileChanged: (user: Account) => void): View {
  return mountPage(main, {
    title: 'Mon profil',
    className: 'profile-body',
    shell: (body) => h('div', { class: 'page profile-page' }, h('h1', { tabindex: '-1' }, 'Mon profil'), body),
    load: () => request<Account>('GET', '/api/me'),
    render: (me) => {
      const name = h('input', { type: 'text', id: 'profile-name', value: me.name, maxlength: 120, autocomplete: 'name' });
      const fn = h('input', {
        type: 'text',
        id: 'profile-function',
        value: me.function ?? '',
        maxlength: 120,
        placeholder: 'PCME, directeur général, secrétaire…',
      });
      const profileStatus = h('p', { role: 'status', id: 'profile-status' });
      const profile = h(
        'form',
        { class: 'admin-form', novalidate: true, 'aria-labelledby': 'profile-title' },
        h('h2', { id: 'profile-title' }, 'Identité'),
        h('p', {}, me.email),
        h('div', { class: 'form-field' }, h('label', { for: name.id }, 'Nom'), name),
        h('div', { class: 'form-field' }, h('label', { for: fn.id }, 'Fonction'), fn),
        h('p', { class: 'actions' }, h('button', { type: 'submit', class: 'button button-primary', id: 'profile-submit' }, 'Enregistrer')),
        profileStatus,
      );
      profile.addEventListener('submit', (event) => {
        event.preventDefault();
        request<Account>('PATCH', '/api/me', { name: name.value.trim(), function: fn.value.trim() }).then(
          (updated) => {
            profileStatus.textContent = 'Profil enregistré.';
            onProfileChanged({ ...me, ...updated });
          },
          (error: unknown) => (profileStatus.textContent = message(error)),
        );
      });

      const current = h('input', { type: 'password', id: 'password-current', autocomplete: 'current-password', maxlength: 200 });
      const next = h('input', { type: 'password', id: 'password-new', autocomplete: 'new-password', maxlength: 200 });
      const passwordStatus = h('p', { role: 'status', id: 'password-status' });
      const password = h(
        'form',
        { class: 'admin-form', novalidate: true, 'aria-labelledby': 'password-title' },
        h('h2', { id: 'password-title' }, 'Mot de passe'),
        h('p', { class: 'form-hint' }, 'Vos autres sessions (autres appareils, autres navigateurs) seront fermées.'),
        h('div', { class: 'form-field' }, h('label', { for: current.id }, 'Mot de passe actuel'), current),
        h('div', { class: 'form-field' }, h('label', { for: next.id }, 'Nouveau mot de passe'), next),
        h('p', { class: 'actions' }, h('button', { type: 'submit', class: 'button button-secondary', id: 'password-submit' }, 'Changer le mot de passe')),
        passwordStatus,
      );
      password.addEventListener('submit', (event) => {
        event.preventDefault();
        request<void>('POST', '/api/me/password', { currentPassword: current.value, newPassword: next.value }).then(
          () => {
            password.reset();
            passwordStatus.textContent = 'Mot de passe changé ; vos autres sessions sont fermées.';
          },
          (error: unknown) => (passwordStatus.textContent = message(error)),
        );
      });
      return [profile, password];
    },
  });
}
