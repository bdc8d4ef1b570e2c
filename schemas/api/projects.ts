import { z } from 'zod';
import { limits } from '../limits';
import { DocumentKind, isCreatableKind, ProjectRole, type SectionNode } from '../project';
import { Period } from '../records';
import { Id } from './ids';

/**
 * Accounts and projects as the API sends them (docs/API.md): the server's presenters
 * (server/http/presenters/) return these shapes and the editor's client (editor/src/api.ts) reads
 * them; the bodies the project routes parse.
 */

export const CreateProjectBody = z.object({
  kind: DocumentKind.refine(isCreatableKind, 'Un bilan annuel se crée depuis le suivi et évaluation de son projet.'),
  title: z.string().trim().min(1).max(limits.titleLength),
  organisationId: Id.optional(),
  period: Period.optional(),
  /** Optional chapters of the template to include (e.g. a CHU's digital health). */
  optionalChapters: z.array(Id).max(20).optional(),
});
export const MemberBody = z.object({ role: ProjectRole });

/** 201 of a creation that answers only the new id (project, section, user, séance…). */
export interface Created {
  id: string;
}

/** 201 of POST /api/projects/:id/collab-token: the token the WebSocket sends. */
export interface CollabTokenView {
  token: string;
}

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
