import type { Assignment } from '../../schemas/api/assignments';
import { readOutline } from '../../schemas/docLayout';
import type { SectionNode } from '../../schemas/project';
import type { Deps } from '../deps';

/** "Who owes what, by when": every section with its assignees, due date and status. */
export function assignments(deps: Deps, projectId: string, today: string): Assignment[] {
  const doc = deps.registry.get(projectId).doc;
  const out: Assignment[] = [];
  const walk = (nodes: SectionNode[], prefix: string) =>
    nodes.forEach((node, i) => {
      const number = `${prefix}${i + 1}`;
      const { dueDate, assignees: ids } = node;
      out.push({
        sectionId: node.id,
        number,
        title: node.title,
        status: node.status,
        mandatory: node.mandatory,
        dueDate,
        overdue: dueDate !== null && dueDate < today && node.status !== 'valide',
        locked: node.locked,
        assignees: ids.map((id) => ({ id, name: deps.store.users.get(id)?.name ?? 'Compte supprimé' })),
      });
      walk(node.children, `${number}.`);
    });
  walk(readOutline(doc), '');
  return out;
}
