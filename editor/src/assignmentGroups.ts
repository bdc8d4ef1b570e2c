import type { Assignment } from './api';

export interface AssignmentGroup {
  /** null: the sections nobody is assigned to. */
  person: { id: string; name: string } | null;
  rows: Assignment[];
}

const byDueDate = (a: Assignment, b: Assignment): number =>
  (a.dueDate ?? '9999-99-99').localeCompare(b.dueDate ?? '9999-99-99') || a.number.localeCompare(b.number, 'fr', { numeric: true });

/**
 * "Qui doit quoi, pour quand": one group per person (by name), their sections by due date (none
 * last); a section assigned to two people is in both groups; unassigned sections come last.
 */
export function groupAssignments(assignments: Assignment[]): AssignmentGroup[] {
  const people = new Map<string, AssignmentGroup>();
  const unassigned: Assignment[] = [];
  for (const row of assignments) {
    if (row.assignees.length === 0) unassigned.push(row);
    for (const person of row.assignees) {
      const group = people.get(person.id) ?? { person, rows: [] };
      group.rows.push(row);
      people.set(person.id, group);
    }
  }
  const groups = [...people.values()].sort((a, b) => a.person!.name.localeCompare(b.person!.name, 'fr'));
  for (const group of groups) group.rows.sort(byDueDate);
  if (unassigned.length > 0) groups.push({ person: null, rows: unassigned.sort(byDueDate) });
  return groups;
}
