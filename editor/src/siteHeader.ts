import { api, ApiError, type Account } from './api';
import { limits } from '../../schemas/limits';
import { h, replaceChildren } from './dom';
import { hashFor } from './router';
import { governanceHeader, stopGovernanceHeader } from './views/governance/headerNav';

/** The signed-in user's name and the logout button, in the site header (`#user-area`). */
export function renderUserArea(area: HTMLElement, user: Account | null, onLoggedOut: () => void): void {
  if (!user) {
    stopGovernanceHeader();
    area.replaceChildren();
    return;
  }
  const error = h('p', { class: 'logout-error', role: 'alert' });
  const button = h('button', { type: 'button', id: 'logout', class: 'button button-secondary' }, 'Se déconnecter');
  button.addEventListener('click', async () => {
    button.disabled = true;
    error.textContent = '';
    try {
      const ended = await api.logout();
      onLoggedOut();
      // A session opened through the directory ends there too (its page comes back to ours).
      if (ended?.endSessionUrl) location.assign(ended.endSessionUrl);
    } catch (e) {
      error.textContent = e instanceof ApiError ? `Déconnexion impossible : ${e.message}` : 'Déconnexion impossible.';
      button.disabled = false;
    }
  });
  replaceChildren(
    area,
    // Instances, secretariat, ARS dossiers and the notification bell.
    ...governanceHeader(user),
    user.isAdmin ? h('a', { class: 'header-link', href: '#/administration', id: 'admin-link' }, 'Administration') : null,
    h(
      'p',
      { class: 'user-name' },
      h('span', { class: 'sr-only' }, 'Connecté en tant que '),
      h('a', { href: '#/profil', id: 'profile-link', title: 'Mon profil' }, user.name),
    ),
    headerSearch(),
    button,
    error,
  );
}

/** The search box of the header: opens the results page (views/searchPage.ts). */
function headerSearch(): HTMLFormElement {
  const input = h('input', {
    type: 'search',
    id: 'header-search',
    name: 'q',
    maxlength: String(limits.searchQueryLength),
    placeholder: 'Rechercher…',
    autocomplete: 'off',
  });
  const form = h(
    'form',
    { class: 'header-search', role: 'search', 'aria-label': 'Rechercher dans mes projets' },
    h('label', { for: 'header-search', class: 'sr-only' }, 'Rechercher dans mes projets'),
    input,
    h('button', { type: 'submit', class: 'button button-secondary header-search-button' }, 'Rechercher'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    location.hash = hashFor({ name: 'search', query: input.value.trim() });
  });
  return form;
}
