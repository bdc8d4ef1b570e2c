import type { UserRecord } from '../store/users';
import type { Deps } from '../deps';

/** What the audit log keeps of a section's coordination metadata. */
export interface SectionControl {
  locked: boolean;
  assignees: string[];
  dueDate: string | null;
}

export function sectionControl(section: { get(key: string): unknown }): SectionControl {
  return {
    locked: section.get('locked') === true,
    assignees: Array.isArray(section.get('assignees')) ? [...(section.get('assignees') as string[])] : [],
    dueDate: typeof section.get('dueDate') === 'string' ? (section.get('dueDate') as string) : null,
  };
}

/**
 * Records who locked or unlocked a section, and who assigned it or set its due date, with the
 * values before and after: locks decide who may still change a text put to the instances.
 */
export function auditSectionControl(
  deps: Pick<Deps, 'store'>,
  user: UserRecord,
  input: { projectId: string; sectionId: string; title: string; before: SectionControl; after: SectionControl },
): void {
  const { before, after } = input;
  const names = (ids: string[]) => ids.map((id) => deps.store.users.get(id)?.name ?? 'compte supprimé');
  const entries: { action: string; details: Record<string, unknown> }[] = [];
  if (before.locked !== after.locked) entries.push({ action: after.locked ? 'section.lock' : 'section.unlock', details: {} });
  if (JSON.stringify(before.assignees) !== JSON.stringify(after.assignees)) {
    entries.push({
      action: 'section.assign',
      details: { from: before.assignees, to: after.assignees, fromNames: names(before.assignees), toNames: names(after.assignees) },
    });
  }
  if (before.dueDate !== after.dueDate) entries.push({ action: 'section.due_date', details: { from: before.dueDate, to: after.dueDate } });
  if (entries.length === 0) return;
  deps.store.transaction(() => {
    for (const entry of entries) {
      deps.store.audit.append({
        actorId: user.id,
        actorName: user.name,
        action: entry.action,
        projectId: input.projectId,
        subjectType: 'section',
        subjectId: input.sectionId,
        details: { section: input.title, ...entry.details },
      });
    }
  });
}
