import type { ProjectSummaryView, ProjectView, UserView } from '../../schemas/api/projects';
import type { ProjectRole, SectionNode } from '../../schemas/project';
import type { ProjectRecord } from '../store/projects';
import type { UserRecord } from '../store/users';

/** What the API shows of a user: never the password hash. */
export const presentUser = (user: UserRecord): UserView => ({
  id: user.id,
  email: user.email,
  name: user.name,
  isAdmin: user.isAdmin,
  function: user.function,
});

export const presentProjectSummary = (project: ProjectRecord, role: ProjectRole | undefined): ProjectSummaryView => ({
  id: project.id,
  kind: project.kind,
  title: project.title,
  organisationId: project.organisationId,
  status: project.status,
  period: project.period,
  role: role ?? null,
  updatedAt: project.updatedAt,
});

export const presentProject = (project: ProjectRecord, role: ProjectRole | undefined, sections: SectionNode[]): ProjectView => ({
  ...presentProjectSummary(project, role),
  templateVersion: project.templateVersion,
  templateCustomisationVersion: project.templateCustomisationVersion,
  sections,
});
