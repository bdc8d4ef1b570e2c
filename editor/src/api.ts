import type { z } from 'zod';
import type { ProjectRole } from '../../schemas/project';
import type { AuthConfigView, SignedIn, SignedOut } from '../../schemas/api/auth';
import type { CreateProjectBody, Created } from '../../schemas/api/projects';
import type { OrganisationView } from '../../schemas/api/organisations';
import type { TemplateView } from '../../schemas/api/templates';
import type { ListedPerson } from '../../schemas/api/users';

/** The JSON API of the server (same origin, session cookie); its shapes are shared with the server (schemas/api/). */
export type {
  CurrentUserView as User,
  UserView as Account,
  MemberView as Member,
  ProjectSummaryView as ProjectSummary,
  ProjectView as ProjectDetail,
} from '../../schemas/api/projects';
import type {
  CurrentUserView as User,
  MemberView as Member,
  ProjectSummaryView as ProjectSummary,
  ProjectView as ProjectDetail,
} from '../../schemas/api/projects';

export type { Assignment } from '../../schemas/api/assignments';
import type { Assignment } from '../../schemas/api/assignments';
import type { SearchResult } from '../../schemas/api/search';
export type { FieldError } from '../../schemas/api/errors';
import type { FieldError } from '../../schemas/api/errors';

/** A document kind as the server offers it (GET /api/templates). */
export type TemplateSummary = TemplateView;
export type Organisation = OrganisationView;
/** What the client sends: the input of the route's own schema (schemas/api/projects.ts). */
export type NewProject = z.input<typeof CreateProjectBody>;

/** A refused request, with the server's French message (or ours when it sent none). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldError[] = [],
    /** The whole error object the server sent (e.g. `rules` of a rule_violation, `missing`). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

type UnauthorizedHandler = () => void;
let onUnauthorized: UnauthorizedHandler = () => {};

/** Called when a request is answered 401 (session expired), except for the login itself. */
export function setUnauthorizedHandler(handler: UnauthorizedHandler): void {
  onUnauthorized = handler;
}

function fallbackMessage(status: number): string {
  if (status === 401) return 'Votre session a expiré. Veuillez vous reconnecter.';
  if (status === 403) return 'Vous n’avez pas les droits nécessaires.';
  if (status === 404) return 'Ressource introuvable.';
  if (status === 429) return 'Trop de requêtes. Réessayez dans quelques minutes.';
  if (status >= 500) return `Le serveur a rencontré une erreur (code ${status}). Réessayez plus tard.`;
  return `Requête refusée (code ${status}).`;
}

function parseError(status: number, body: unknown): ApiError {
  const error = (body as { error?: { code?: unknown; message?: unknown; fields?: unknown } } | null)?.error;
  const fields = Array.isArray(error?.fields) ? error.fields.filter((f): f is FieldError => typeof f?.path === 'string' && typeof f?.message === 'string') : [];
  return new ApiError(
    status,
    typeof error?.code === 'string' ? error.code : 'http_' + status,
    typeof error?.message === 'string' && error.message ? error.message : fallbackMessage(status),
    fields,
    error && typeof error === 'object' ? (error as Record<string, unknown>) : {},
  );
}

/** The ApiError of a refused response read outside `request` (downloads); a 401 signs out as usual. */
export async function errorOfResponse(res: Response): Promise<ApiError> {
  let json: unknown = null;
  try {
    json = JSON.parse(await res.text());
  } catch {
    json = null;
  }
  if (res.status === 401) onUnauthorized();
  return parseError(res.status, json);
}

export async function request<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
  opts: { handle401?: boolean } = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const init: RequestInit = { method, headers, credentials: 'same-origin' };
  if (method !== 'GET') {
    // The server's CSRF rule: every state-changing request is JSON.
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body ?? {});
  }
  let res: Response;
  try {
    res = await fetch(path, init);
  } catch {
    throw new ApiError(0, 'network', 'Le serveur est injoignable. Vérifiez votre connexion réseau puis réessayez.');
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!res.ok) {
    const error = parseError(res.status, json);
    if (res.status === 401 && opts.handle401 !== false) onUnauthorized();
    throw error;
  }
  return json as T;
}

export const api = {
  login: (email: string, password: string) => request<SignedIn>('POST', '/api/auth/login', { email, password }, { handle401: false }),
  /** Ends the session; `endSessionUrl` when it was opened through the directory, to end it there too. */
  logout: () => request<SignedOut | undefined>('POST', '/api/auth/logout', {}, { handle401: false }),
  /** What the login page offers: the directory (SSO), the password form, or both. */
  authConfig: () => request<AuthConfigView>('GET', '/api/auth/config', undefined, { handle401: false }),
  /** The signed-in user; rejects with status 401 when there is none (no redirect). */
  me: () => request<User>('GET', '/api/me', undefined, { handle401: false }),
  projects: () => request<ProjectSummary[]>('GET', '/api/projects'),
  project: (id: string) => request<ProjectDetail>('GET', `/api/projects/${encodeURIComponent(id)}`),
  search: (query: string) => request<SearchResult>('GET', `/api/search?q=${encodeURIComponent(query)}`),
  members: (id: string) => request<Member[]>('GET', `/api/projects/${encodeURIComponent(id)}/members`),
  setMemberRole: (id: string, userId: string, role: ProjectRole) =>
    request<void>('PUT', `/api/projects/${encodeURIComponent(id)}/members/${encodeURIComponent(userId)}`, { role }),
  /** Accounts the user may see, by name or e-mail (2 characters or more), to add a member. */
  searchUsers: (query: string) => request<ListedPerson[]>('GET', `/api/users?query=${encodeURIComponent(query)}`),
  removeMember: (id: string, userId: string) => request<void>('DELETE', `/api/projects/${encodeURIComponent(id)}/members/${encodeURIComponent(userId)}`),
  assignments: (id: string) => request<Assignment[]>('GET', `/api/projects/${encodeURIComponent(id)}/assignments`),
  templates: () => request<TemplateSummary[]>('GET', '/api/templates'),
  /** The organisations a project can belong to; null when the server has no such list (404). */
  organisations: () =>
    request<Organisation[]>('GET', '/api/organisations').catch((error: unknown) => {
      if (error instanceof ApiError && error.status === 404) return null;
      throw error;
    }),
  createProject: (project: NewProject) => request<Created>('POST', '/api/projects', project),
};
