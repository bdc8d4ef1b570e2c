import type { Account, ProjectSummary } from './api';
import { offlineCopy } from './offlineCopy';

/** Who is signed in, where to go back after logging in, and what we last knew of projects. */
let currentUser: Account | null = null;
let returnTo: string | null = null;
let notice: string | null = null;
const knownProjects = new Map<string, ProjectSummary>();

export const session = {
  get user(): Account | null {
    return currentUser;
  },
  setUser(user: Account): void {
    currentUser = user;
    offlineCopy.rememberUser(user);
  },
  clear(): void {
    currentUser = null;
    knownProjects.clear();
    offlineCopy.forget();
  },
  /** Who was signed in on this device when the server last answered (to open projects offline). */
  offlineUser(): Account | null {
    return offlineCopy.user();
  },
  /** Remembers a page to come back to once logged in (only our own "#/…" routes). */
  rememberReturn(hash: string): void {
    if (hash.startsWith('#/') && hash !== '#/connexion') returnTo = hash;
  },
  /** Where to go back to, without forgetting it (the directory sign-in carries it away). */
  peekReturn(): string {
    return returnTo ?? '#/projets';
  },
  takeReturn(): string {
    const target = returnTo ?? '#/projets';
    returnTo = null;
    return target;
  },
  /** A message for the next page (e.g. the login page after the session expired). */
  setNotice(message: string): void {
    notice = message;
  },
  takeNotice(): string | null {
    const message = notice;
    notice = null;
    return message;
  },
  /** Project summaries seen here (and kept on the device), used to open a project when the API is unreachable. */
  rememberProjects(projects: ProjectSummary[]): void {
    for (const p of projects) knownProjects.set(p.id, p);
    offlineCopy.rememberProjects(
      projects.map(({ id, kind, title, role, organisationId, status, period, updatedAt }) => ({
        id,
        kind,
        title,
        role,
        organisationId,
        status,
        period,
        updatedAt,
      })),
    );
  },
  knownProject(id: string): ProjectSummary | undefined {
    return knownProjects.get(id) ?? offlineCopy.project(id);
  },
};
