import type { MemberView, ProjectSummaryView, ProjectView } from '../../../schemas/api/projects';
import type { ProjectRole, SectionNode } from '../../../schemas/project';
import type { ProjectRecord } from '../../store/projects';
import type { UserRecord } from '../../store/users';

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

/** A member of a project; an account since deleted shows with empty name and e-mail. */
export const presentMember = (member: { userId: string; role: ProjectRole }, user: UserRecord | undefined): MemberView => ({
  id: member.userId,
  name: user?.name ?? '',
  email: user?.email ?? '',
  role: member.role,
});
