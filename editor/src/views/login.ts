import type { ForgotPasswordAnswer } from '../../../schemas/api/auth';
import { isSsoErrorCode, ssoErrors } from '../../../schemas/sso';
import { type Account, api, ApiError, request } from '../api';
import { h, srOnly } from '../dom';
import { appName } from '../labels';
import { session } from '../session';
import type { View } from './view';
import { errorMessage, unexpectedError } from '../ui/errors';
import { mountPage, type Page } from '../ui/page';

interface Field {
  input: HTMLInputElement;
  error: HTMLParagraphElement;
}

function field(id: string, label: string, type: string, autocomplete: string): { wrapper: HTMLDivElement } & Field {
  const error = h('p', { class: 'field-error', id: `${id}-error` });
  const input = h('input', { id, name: id.replace('login-', ''), type, autocomplete, required: true, 'aria-required': 'true' });
  const wrapper = h('div', { class: 'form-field' }, h('label', { for: id }, label), input, error);
  return { wrapper, input, error };
}

function setFieldError(f: Field, message: string | null): void {
  f.error.textContent = message ?? '';
  if (message) {
    f.input.setAttribute('aria-invalid', 'true');
    f.input.setAttribute('aria-describedby', f.error.id);
  } else {
    f.input.removeAttribute('aria-invalid');
    f.input.removeAttribute('aria-describedby');
  }
}

/** The password form: fields checked here first, then the server's errors announced. */
function passwordForm(alert: HTMLElement, page: Page, onLoggedIn: (user: Account) => void): HTMLFormElement {
  const email = field('login-email', 'Adresse électronique', 'email', 'username');
  const password = field('login-password', 'Mot de passe', 'password', 'current-password');
  const submit = h('button', { type: 'submit', id: 'login-submit', class: 'button button-primary' }, 'Se connecter');
  const form = h(
    'form',
    { class: 'login-form', novalidate: true, 'aria-labelledby': 'login-title' },
    h('p', { class: 'form-hint' }, 'Tous les champs sont obligatoires.'),
    email.wrapper,
    password.wrapper,
    alert,
    submit,
  );
  let busy = false;

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    alert.textContent = '';
    setFieldError(email, null);
    setFieldError(password, null);
    const emailValue = email.input.value.trim();
    const passwordValue = password.input.value;
    let invalid: Field | null = null;
    if (!passwordValue) {
      setFieldError(password, 'Saisissez votre mot de passe.');
      invalid = password;
    }
    if (!emailValue) {
      setFieldError(email, 'Saisissez votre adresse électronique.');
      invalid = email;
    } else if (!/^[^\s@]+@[^\s@]+$/.test(emailValue)) {
      setFieldError(email, 'Adresse électronique invalide (exemple : prenom.nom@chu-exemple.fr).');
      invalid = email;
    }
    if (invalid) {
      alert.textContent = 'Le formulaire contient des erreurs.';
      invalid.input.focus();
      return;
    }
    busy = true;
    submit.disabled = true;
    submit.textContent = 'Connexion en cours…';
    try {
      const { user } = await api.login(emailValue, passwordValue);
      if (!page.destroyed) onLoggedIn(user);
    } catch (error) {
      if (page.destroyed) return;
      const e = error instanceof ApiError ? error : new ApiError(0, 'unknown', unexpectedError);
      // 401 wrong credentials, 429 too many attempts, 400 invalid fields: the server's French message.
      alert.textContent = e.message;
      for (const f of e.fields) {
        if (f.path === 'email') setFieldError(email, f.message);
        else if (f.path === 'password') setFieldError(password, f.message);
      }
      password.input.value = '';
      (e.fields.some((f) => f.path === 'email') ? email : password).input.focus();
    } finally {
      busy = false;
      if (!page.destroyed) {
        submit.disabled = false;
        submit.textContent = 'Se connecter';
      }
    }
  });
  return form;
}

/** The login page: the ways in the server offers (password, the hospital's directory), server errors announced. */
export function mountLogin(main: HTMLElement, onLoggedIn: (user: Account) => void): View {
  const alert = h('div', { class: 'alert alert-error', role: 'alert', id: 'login-error' });
  const notice = session.takeNotice() ?? ssoRefusal();
  if (notice) alert.textContent = notice;
  return mountPage(main, {
    title: 'Connexion',
    className: 'login-methods',
    loading: null,
    shell: (methods) =>
      h(
        'div',
        { class: 'login-page' },
        h('h1', { id: 'login-title', tabindex: '-1' }, 'Connexion', srOnly(` – ${appName}`)),
        h('p', { class: 'lead' }, 'Rédigez à plusieurs le projet médical de votre établissement ou de votre GHT.'),
        methods,
      ),
    // Without the answer, the password form is the one way we know of.
    load: () => api.authConfig().catch(() => null),
    render: (config, page) => {
      if (!config) return [passwordForm(alert, page, onLoggedIn)];
      return [
        config.sso ? ssoLink(config.passwordLogin ? null : alert) : null,
        ...(config.passwordLogin ? [passwordForm(alert, page, onLoggedIn), forgottenPassword()] : []),
      ];
    },
  });
}

/** "Mot de passe oublié ?": the server e-mails a link when the address has an account, and says the same either way. */
function forgottenPassword(): HTMLElement {
  const email = h('input', { type: 'email', id: 'forgot-email', autocomplete: 'username', maxlength: 254 });
  const status = h('p', { role: 'status', id: 'forgot-status' });
  const send = h('button', { type: 'submit', class: 'button button-secondary' }, 'Recevoir un lien');
  const form = h('form', { novalidate: true }, h('div', { class: 'form-field' }, h('label', { for: email.id }, 'Adresse électronique'), email), send, status);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!email.value.trim()) {
      status.textContent = 'Saisissez votre adresse électronique.';
      return;
    }
    send.disabled = true;
    request<ForgotPasswordAnswer>('POST', '/api/auth/password/forgot', { email: email.value.trim() }, { handle401: false }).then(
      ({ message }) => {
        status.textContent = message;
      },
      (error: unknown) => {
        send.disabled = false;
        status.textContent = errorMessage(error);
      },
    );
  });
  return h('details', { class: 'forgot-password' }, h('summary', {}, 'Mot de passe oublié ?'), form);
}

/** The directory's refusal the sign-in came back with (`?sso_error=`), read once then removed from the address. */
function ssoRefusal(): string | null {
  const code = new URLSearchParams(location.search).get('sso_error');
  if (code === null) return null;
  history.replaceState(null, '', `${location.pathname}${location.hash}`);
  // Only our own messages are shown: nothing from the address reaches the page as text.
  return isSsoErrorCode(code) ? ssoErrors[code] : ssoErrors.sso_refused;
}

/** The way in through the hospital's directory (OpenID Connect), back to the page asked for. */
function ssoLink(alert: HTMLElement | null): HTMLElement {
  const href = `/api/auth/oidc/login?returnTo=${encodeURIComponent(session.peekReturn())}`;
  return h(
    'div',
    { class: 'login-sso' },
    h('a', { id: 'login-sso', class: 'button button-primary', href }, 'Se connecter avec l’annuaire de l’établissement'),
    // With no password form, the refusal message still needs a place.
    ...(alert ? [alert] : []),
  );
}
