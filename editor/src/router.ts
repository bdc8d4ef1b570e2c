import { isSetupStep, type SetupStepId } from './views/admin/setupApi';
import { govHash, parseGovPath, type GovPage } from './views/governance/routes';

/** The pages of the app, addressed by the hash so the server only serves static files. */
export type Route =
  | { name: 'login' }
  | { name: 'projects' }
  | { name: 'project'; projectId: string; sectionId: string | null }
  /** "Qui doit quoi, pour quand": the project's assignments. */
  | { name: 'assignments'; projectId: string }
  /** Import of a DOCX or ODT into the project: preview of the mapping, then import. */
  | { name: 'import'; projectId: string }
  /** « Suivi et évaluation »: the adopted version's indicators year by year (issue 24). */
  | { name: 'followup'; projectId: string }
  /** Governance: calendar, séances, secretariat, timeline, versions, ARS portal (views/governance/routes.ts). */
  | { name: 'governance'; page: GovPage }
  /** Administration: organisations, their regulatory instances and roles. */
  | { name: 'admin' }
  /** The signed-in person's profile and password. */
  | { name: 'profile' }
  /** Search across the projects the user may read (GET /api/search). */
  | { name: 'search'; query: string }
  /** An invitation or a forgotten-password link: choose a password (no session needed). */
  | { name: 'accountLink'; purpose: 'invitation' | 'reset'; token: string }
  | { name: 'adminOrganisation'; organisationId: string }
  /** The first set-up of an install, at a given step or where it stands. */
  | { name: 'setup'; step: SetupStepId | null }
  /** Cohérence of the GHT's members' PMs with its PMP, a member's gaps in focus (issue 24). */
  | { name: 'coherence'; ghtId: string; etablissementId: string | null }
  | { name: 'notFound'; hash: string };

function decode(part: string): string | null {
  try {
    const value = decodeURIComponent(part);
    return value.length > 0 ? value : null;
  } catch {
    return null;
  }
}

/** "#/projets/p1/sections/s2" → { name: 'project', projectId: 'p1', sectionId: 's2' }. */
export function parseHash(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/^\/+|\/+$/g, '');
  const parts = path === '' ? [] : path.split('/');
  if (parts.length === 0) return { name: 'projects' };
  if (parts[0] === 'connexion' && parts.length === 1) return { name: 'login' };
  if ((parts[0] === 'invitation' || parts[0] === 'mot-de-passe') && parts.length === 2) {
    const token = decode(parts[1]!);
    if (token) return { name: 'accountLink', purpose: parts[0] === 'invitation' ? 'invitation' : 'reset', token };
  }
  if (parts[0] === 'profil' && parts.length === 1) return { name: 'profile' };
  if (parts[0] === 'recherche' && parts.length <= 2) return { name: 'search', query: parts.length === 2 ? (decode(parts[1]!) ?? '') : '' };
  if (parts[0] === 'mise-en-place') {
    if (parts.length === 1) return { name: 'setup', step: null };
    if (parts.length === 2 && isSetupStep(parts[1]!)) return { name: 'setup', step: parts[1] };
  }
  if (parts[0] === 'administration') {
    if (parts.length === 1) return { name: 'admin' };
    const organisationId = parts.length === 2 ? decode(parts[1]!) : null;
    if (organisationId) return { name: 'adminOrganisation', organisationId };
  }
  if (parts[0] === 'ght' && parts[2] === 'coherence' && parts.length <= 4) {
    const ghtId = decode(parts[1] ?? '');
    const etablissementId = parts.length === 4 ? decode(parts[3]!) : null;
    if (ghtId && (parts.length === 3 || etablissementId)) return { name: 'coherence', ghtId, etablissementId };
  }
  const govPage = parseGovPath(parts);
  if (govPage) return { name: 'governance', page: govPage };
  if (parts[0] === 'projets') {
    if (parts.length === 1) return { name: 'projects' };
    const projectId = decode(parts[1]!);
    if (projectId && parts.length === 2) return { name: 'project', projectId, sectionId: null };
    if (projectId && parts.length === 3 && parts[2] === 'suivi') return { name: 'assignments', projectId };
    if (projectId && parts.length === 3 && parts[2] === 'import') return { name: 'import', projectId };
    if (projectId && parts.length === 3 && parts[2] === 'suivi-evaluation') return { name: 'followup', projectId };
    const sectionId = parts.length === 4 && parts[2] === 'sections' ? decode(parts[3]!) : null;
    if (projectId && sectionId) return { name: 'project', projectId, sectionId };
  }
  return { name: 'notFound', hash };
}

/** The hash of a route (the inverse of parseHash). */
export function hashFor(route: Route): string {
  switch (route.name) {
    case 'login':
      return '#/connexion';
    case 'projects':
      return '#/projets';
    case 'project': {
      const base = `#/projets/${encodeURIComponent(route.projectId)}`;
      return route.sectionId ? `${base}/sections/${encodeURIComponent(route.sectionId)}` : base;
    }
    case 'assignments':
      return `#/projets/${encodeURIComponent(route.projectId)}/suivi`;
    case 'import':
      return `#/projets/${encodeURIComponent(route.projectId)}/import`;
    case 'followup':
      return `#/projets/${encodeURIComponent(route.projectId)}/suivi-evaluation`;
    case 'governance':
      return govHash(route.page);
    case 'admin':
      return '#/administration';
    case 'profile':
      return '#/profil';
    case 'search':
      return route.query ? `#/recherche/${encodeURIComponent(route.query)}` : '#/recherche';
    case 'accountLink':
      return `#/${route.purpose === 'invitation' ? 'invitation' : 'mot-de-passe'}/${encodeURIComponent(route.token)}`;
    case 'adminOrganisation':
      return `#/administration/${encodeURIComponent(route.organisationId)}`;
    case 'setup':
      return route.step ? `#/mise-en-place/${route.step}` : '#/mise-en-place';
    case 'coherence':
      return `#/ght/${encodeURIComponent(route.ghtId)}/coherence${route.etablissementId ? `/${encodeURIComponent(route.etablissementId)}` : ''}`;
    case 'notFound':
      return route.hash;
  }
}

/** True for hashes the router owns ("#/…"); in-page anchors such as "#contenu" are not routes. */
export function isRouteHash(hash: string): boolean {
  return hash === '' || hash === '#' || hash.startsWith('#/');
}
