import type { ProjectRole } from '../../schemas/project';
import type { Store } from '../store';
import type { UserRecord } from '../store/users';

/** What a user may try to do. The one place that decides access, for HTTP and WebSocket alike. */
export type Permission =
  | { action: 'user.create' }
  | { action: 'project.create' }
  /** Open the project, read its text, join its collaboration room. */
  | { action: 'project.read'; projectId: string }
  /** Change the document's content (Yjs updates). */
  | { action: 'project.edit'; projectId: string }
  /** Manage members and project settings. */
  | { action: 'project.manage'; projectId: string }
  /** Lock or unlock a section, and edit a locked one. */
  | { action: 'section.editLocked'; projectId: string }
  /** Adapt the organisation's templates (add, rename, reorder chapters). */
  | { action: 'template.customise'; organisationId: string };

const rank: Record<ProjectRole, number> = { reader: 1, editor: 2, coordinator: 3 };
type ProjectAction = 'project.read' | 'project.edit' | 'project.manage' | 'section.editLocked';
const needed: Record<ProjectAction, ProjectRole> = {
  'project.read': 'reader',
  'project.edit': 'editor',
  'project.manage': 'coordinator',
  'section.editLocked': 'coordinator',
};

export type Policy = ReturnType<typeof createPolicy>;

export function createPolicy(store: Pick<Store, 'projects' | 'organisations'>) {
  const isOnlyArsReader = (user: UserRecord): boolean => {
    const roles = store.organisations.rolesOf(user.id);
    return roles.length > 0 && roles.every((r) => r.role === 'ars_reader');
  };
  return {
    can(user: UserRecord, permission: Permission): boolean {
      if (user.isAdmin) return true;
      switch (permission.action) {
        case 'user.create':
          return false;
        case 'template.customise':
          return store.projects.coordinatesIn(user.id, permission.organisationId);
        case 'project.create':
          // The ARS reads what it receives; it never writes hospital documents.
          return !isOnlyArsReader(user);
        case 'project.read':
        case 'project.edit':
        case 'project.manage':
        case 'section.editLocked': {
          const role = store.projects.roleOf(permission.projectId, user.id);
          return role !== undefined && rank[role] >= rank[needed[permission.action]];
        }
      }
    },
    projectRole(user: UserRecord, projectId: string): ProjectRole | undefined {
      return user.isAdmin ? 'coordinator' : store.projects.roleOf(projectId, user.id);
    },
  };
}
