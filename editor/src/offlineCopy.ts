import type { ProjectSummary, Account } from './api';

/**
 * What this device remembers of the signed-in person and of the projects they opened, so that a
 * reload without network still opens those projects from their local copy (IndexedDB). Names and
 * titles only, never a secret; forgotten at logout and when the server ends the session.
 */
interface OfflineCopy {
  user: Account;
  projects: ProjectSummary[];
}

const key = 'pmp-hors-ligne-v1';
/** Enough for anyone's projects; the oldest are forgotten first. */
const maxProjects = 200;

function read(): OfflineCopy | null {
  try {
    const parsed = JSON.parse(localStorage.getItem(key) ?? 'null') as Partial<OfflineCopy> | null;
    if (!parsed || typeof parsed.user?.id !== 'string' || !Array.isArray(parsed.projects)) return null;
    return { user: parsed.user, projects: parsed.projects.filter((p) => typeof p?.id === 'string') };
  } catch {
    return null;
  }
}

function write(copy: OfflineCopy): void {
  try {
    localStorage.setItem(key, JSON.stringify(copy));
  } catch {
    // Storage full or refused (private browsing): the app works online as before.
  }
}

export const offlineCopy = {
  user: (): Account | null => read()?.user ?? null,
  rememberUser(user: Account): void {
    const copy = read();
    write({ user, projects: copy?.user.id === user.id ? copy.projects : [] });
  },
  rememberProjects(projects: ProjectSummary[]): void {
    const copy = read();
    if (!copy || projects.length === 0) return;
    const ids = new Set(projects.map((p) => p.id));
    write({ user: copy.user, projects: [...projects, ...copy.projects.filter((p) => !ids.has(p.id))].slice(0, maxProjects) });
  },
  project: (id: string): ProjectSummary | undefined => read()?.projects.find((p) => p.id === id),
  forget(): void {
    try {
      localStorage.removeItem(key);
    } catch {
      // Nothing was kept.
    }
  },
};
