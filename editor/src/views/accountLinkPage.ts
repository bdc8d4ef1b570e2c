import type { AccountLinkPurpose, AccountLinkView as LinkSubject, SignedIn } from '../../../schemas/api/auth';
import { api, ApiError, request, type Account } from '../api';
import { h } from '../dom';
import type { View } from './view';
import { errorMessage, errorWithFields } from '../ui/errors';
import { mountPage, type Page } from '../ui/page';

export type { AccountLinkPurpose } from '../../../schemas/api/auth';

const wording: Record<AccountLinkPurpose, { title: string; action: string; accept: string }> = {
  invitation: { title: 'Bienvenue', action: 'Choisissez votre mot de passe pour activer votre compte.', accept: '/api/auth/invitation/accept' },
  reset: {
    title: 'Nouveau mot de passe',
    action: 'Choisissez un nouveau mot de passe : vos autres sessions seront fermées.',
    accept: '/api/auth/password/reset',
  },
};

/** The password chosen twice; sent with the link's secret, it opens a session. */
function passwordForm(
  words: (typeof wording)[AccountLinkPurpose],
  link: LinkSubject,
  token: string,
  alert: HTMLElement,
  page: Page,
  onLoggedIn: (user: Account) => void,
): HTMLFormElement {
  const password = h('input', { type: 'password', id: 'link-password', autocomplete: 'new-password', required: true, maxlength: 200 });
  const confirmation = h('input', { type: 'password', id: 'link-password-again', autocomplete: 'new-password', required: true, maxlength: 200 });
  const submit = h('button', { type: 'submit', class: 'button button-primary', id: 'link-submit' }, 'Enregistrer le mot de passe');
  const form = h(
    'form',
    { class: 'login-form', novalidate: true },
    h('p', {}, `${link.name} (${link.email}) — ${words.action}`),
    h('p', { class: 'form-hint' }, 'Au moins 10 caractères ; évitez votre nom, votre adresse et les mots de passe courants.'),
    h('div', { class: 'form-field' }, h('label', { for: password.id }, 'Mot de passe'), password),
    h('div', { class: 'form-field' }, h('label', { for: confirmation.id }, 'Le même, une seconde fois'), confirmation),
    h('p', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    alert.textContent = '';
    if (password.value !== confirmation.value) {
      alert.textContent = 'Les deux saisies diffèrent.';
      confirmation.focus();
      return;
    }
    submit.disabled = true;
    request<SignedIn>('POST', words.accept, { token, password: password.value }, { handle401: false }).then(
      ({ user }) => {
        if (!page.destroyed) onLoggedIn(user);
      },
      (error: unknown) => {
        submit.disabled = false;
        alert.textContent = errorWithFields(error);
        password.focus();
      },
    );
  });
  return form;
}

/**
 * The page an invitation or a forgotten-password link opens (`#/invitation/<secret>`,
 * `#/mot-de-passe/<secret>`): who the link is for, then the password, which opens a session.
 */
export function mountAccountLinkPage(main: HTMLElement, purpose: AccountLinkPurpose, token: string, onLoggedIn: (user: Account) => void): View {
  const words = wording[purpose];
  const alert = h('div', { class: 'alert alert-error', role: 'alert', id: 'link-error' });
  const readLink = () => request<LinkSubject>('POST', '/api/auth/link', { token }, { handle401: false });
  // With the directory as the only way in, no password is chosen: the person signs in through it.
  const directoryOnly = () =>
    api.authConfig().then(
      (config) => !config.passwordLogin,
      () => false,
    );
  return mountPage(main, {
    title: words.title,
    className: 'account-link-body',
    loading: 'Vérification du lien…',
    shell: (body) => h('div', { class: 'login-page' }, h('h1', { tabindex: '-1' }, words.title), alert, body),
    load: () => directoryOnly().then((directory) => (directory ? null : readLink())),
    render: (link, page) =>
      link
        ? [passwordForm(words, link, token, alert, page, onLoggedIn)]
        : [
            h('p', {}, 'Votre établissement utilise son annuaire : vous n’avez pas de mot de passe à choisir ici.'),
            h('p', {}, h('a', { href: '#/connexion', class: 'button button-primary' }, 'Se connecter avec l’annuaire de l’établissement')),
          ],
    failed: (error) => {
      alert.textContent =
        error instanceof ApiError && error.status === 404
          ? 'Ce lien n’est plus valable (déjà utilisé, remplacé ou expiré). Demandez une nouvelle invitation, ou un nouveau lien depuis « Mot de passe oublié ».'
          : errorMessage(error);
      return [h('p', {}, h('a', { href: '#/connexion' }, 'Aller à la page de connexion'))];
    },
  });
}
