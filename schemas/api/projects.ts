import type { DocumentKind, ProjectRole, SectionNode } from '../project';

/**
 * Accounts and projects as the API sends them (docs/API.md): the server's presenters
 * (server/http/presenters.ts) return these shapes and the editor's client (editor/src/api.ts) reads them.
 */

/** What the API shows of a user: never the password hash. */
export interface UserView {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
  function: string;
}

/** GET /api/me adds whether "Créer un projet" is offered (false for an ARS reader). */
export type CurrentUserView = UserView & { canCreateProjects: boolean };

export interface ProjectSummaryView {
  id: string;
  kind: DocumentKind;
  title: string;
  organisationId: string | null;
  status: string;
  period: { startYear: number; endYear: number } | null;
  /** The reader's role; an administrator sees every project as its coordinator. */
  role: ProjectRole | null;
  updatedAt: string;
}

export interface ProjectView extends ProjectSummaryView {
  templateVersion: number;
  templateCustomisationVersion: number | null;
  sections: SectionNode[];
}

/** A member of a project (GET /api/projects/:id/members). */
export interface MemberView {
  id: string;
  name: string;
  email: string;
  role: ProjectRole;
}
