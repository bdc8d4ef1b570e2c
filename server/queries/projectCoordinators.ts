import type { Deps } from '../deps';

/** The ids of a project's coordinators: those whom its reminders and cohérence notices reach. */
export const projectCoordinatorIds = (deps: Pick<Deps, 'store'>, projectId: string): string[] =>
  deps.store.projects
    .members(projectId)
    .filter((m) => m.role === 'coordinator')
    .map((m) => m.userId);
