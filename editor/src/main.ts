import './styles.css';
import './editing.css';
import './followup.css';
import { type Account, api, ApiError, setUnauthorizedHandler } from './api';
import { mountAccountLinkPage } from './views/accountLinkPage';
import { mountProfilePage } from './views/profilePage';
import { mountSearchPage } from './views/searchPage';
import { mountOrganisationPage } from './views/admin/organisationPage';
import { mountOrganisationsPage } from './views/admin/organisationsPage';
import { setupStatus } from './views/admin/setupApi';
import { mountSetupWizard } from './views/admin/setupWizard';
import { h } from './dom';
import { keepApplicationShell } from './offlineShell';
import { appName } from './labels';
import { hashFor, isRouteHash, parseHash, type Route } from './router';
import { session } from './session';
import { renderUserArea } from './siteHeader';
import { mountAssignmentsDashboard } from './views/assignmentsDashboard';
import { mountFollowupPage } from './views/followup/followupPage';
import { mountCoherencePage } from './views/coherencePage';
import { mountImportPage } from './views/importPage';
import { mountLogin } from './views/login';
import { mountProjects } from './views/projects';
import type { View } from './views/view';
import { errorMessage } from './ui/errors';
import { loadingLine } from './ui/load';

const main = document.getElementById('contenu') as HTMLElement;
const userArea = document.getElementById('user-area') as HTMLElement;
let view: View | null = null;
let navigation = 0;
let firstRender = true;
let setupOffered = false;

function go(route: Route, replace = false): void {
  const hash = hashFor(route);
  if (location.hash === hash) void render();
  else if (replace) location.replace(hash);
  else location.hash = hash;
}

function toLogin(notice?: string): void {
  session.rememberReturn(location.hash);
  session.clear();
  if (notice) session.setNotice(notice);
  go({ name: 'login' });
}

setUnauthorizedHandler(() => toLogin('Votre session a expiré. Veuillez vous reconnecter.'));

async function signedInUser(): Promise<Account | null> {
  if (session.user) return session.user;
  try {
    const user = await api.me();
    session.setUser(user);
    return user;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    // Without network, the person last signed in here works on the copies kept on the device.
    const remembered = error instanceof ApiError && error.status === 0 ? session.offlineUser() : null;
    if (remembered) return remembered;
    throw error;
  }
}

function showHeader(user: Account | null): void {
  renderUserArea(userArea, user, () => {
    session.clear();
    view?.destroy();
    view = null;
    go({ name: 'login' });
  });
}

/** Moves focus to the new page's title (RGAA: the user knows the page changed). */
function focusHeading(): void {
  if (firstRender) return;
  main.querySelector<HTMLElement>('h1')?.focus();
}

async function render(): Promise<void> {
  if (!isRouteHash(location.hash)) return;
  const route = parseHash(location.hash);
  const mine = ++navigation;
  if (view?.update?.(route)) return;
  view?.destroy();
  view = null;

  let user: Account | null;
  try {
    user = await signedInUser();
  } catch (error) {
    if (mine !== navigation) return;
    main.replaceChildren(
      h(
        'div',
        { class: 'page' },
        h('h1', { tabindex: '-1' }, 'Serveur injoignable'),
        h('div', { class: 'alert alert-error', role: 'alert' }, errorMessage(error)),
        h('button', { type: 'button', class: 'button', onclick: () => void render() }, 'Réessayer'),
      ),
    );
    return;
  }
  if (mine !== navigation) return;
  showHeader(user);

  if (route.name === 'login') {
    if (user) return go({ name: 'projects' }, true);
    view = mountLogin(main, (loggedIn) => {
      session.setUser(loggedIn);
      const target = session.takeReturn();
      if (location.hash === target) void render();
      else location.hash = target;
    });
  } else if (route.name === 'accountLink') {
    // Reached from an e-mail, signed in or not: the link's password opens the session.
    view = mountAccountLinkPage(main, route.purpose, route.token, (loggedIn) => {
      session.setUser(loggedIn);
      location.hash = hashFor({ name: 'projects' });
    });
  } else if (!user) {
    session.rememberReturn(location.hash);
    return go({ name: 'login' }, true);
  } else if (route.name === 'projects') {
    // An empty install leads its administrator into the set-up, once per visit.
    if (user.isAdmin && !setupOffered) {
      setupOffered = true;
      const status = await setupStatus().catch(() => null);
      if (mine !== navigation) return;
      if (status?.steps.every((s) => !s.done)) return go({ name: 'setup', step: null }, true);
    }
    view = mountProjects(main);
  } else if (route.name === 'profile') {
    view = mountProfilePage(main, (updated) => {
      session.setUser(updated);
      showHeader(updated);
    });
  } else if (route.name === 'search') {
    view = mountSearchPage(main, route.query);
  } else if (route.name === 'admin') {
    view = mountOrganisationsPage(main);
  } else if (route.name === 'setup') {
    view = mountSetupWizard(main, route.step);
  } else if (route.name === 'adminOrganisation') {
    view = mountOrganisationPage(main, route.organisationId);
  } else if (route.name === 'coherence') {
    view = mountCoherencePage(main, route.ghtId, route.etablissementId);
  } else if (route.name === 'assignments') {
    view = mountAssignmentsDashboard(main, route.projectId);
  } else if (route.name === 'import') {
    view = mountImportPage(main, route.projectId);
  } else if (route.name === 'followup') {
    view = mountFollowupPage(main, route.projectId);
  } else if (route.name === 'project') {
    // Tiptap and Yjs load with the first project opened, not with the login page.
    main.replaceChildren(h('div', { class: 'page' }, loadingLine('Ouverture du projet…')));
    let editorModule: typeof import('./views/projectEditor');
    try {
      editorModule = await import('./views/projectEditor');
    } catch {
      if (mine !== navigation) return;
      main.replaceChildren(
        h(
          'div',
          { class: 'page' },
          h('div', { class: 'alert alert-error', role: 'alert' }, 'Impossible de charger l’éditeur. Vérifiez votre connexion puis rechargez la page.'),
        ),
      );
      return;
    }
    if (mine !== navigation) return;
    view = editorModule.mountProjectEditor(main, route, { user, onUnauthorized: (notice) => toLogin(notice) });
  } else if (route.name === 'governance') {
    // Calendar, séances, timeline, versions, ARS portal: loaded on first use.
    let governance: typeof import('./views/governance/index');
    try {
      governance = await import('./views/governance/index');
    } catch {
      if (mine !== navigation) return;
      main.replaceChildren(
        h(
          'div',
          { class: 'page' },
          h('div', { class: 'alert alert-error', role: 'alert' }, 'Impossible de charger la page. Vérifiez votre connexion puis rechargez la page.'),
        ),
      );
      return;
    }
    if (mine !== navigation) return;
    view = governance.mountGovernance(main, route.page);
  } else {
    document.title = `Page introuvable – ${appName}`;
    main.replaceChildren(
      h(
        'div',
        { class: 'page' },
        h('h1', { tabindex: '-1' }, 'Page introuvable'),
        h('p', {}, 'L’adresse demandée ne correspond à aucune page.'),
        h('a', { href: hashFor({ name: 'projects' }) }, 'Retour à mes projets'),
      ),
    );
  }
  focusHeading();
  firstRender = false;
}

// The skip link targets #contenu without changing the route.
document.querySelector<HTMLAnchorElement>('.skip-link')?.addEventListener('click', (event) => {
  event.preventDefault();
  main.focus();
});

window.addEventListener('hashchange', () => void render());
keepApplicationShell();
void render();
