import type * as Y from 'yjs';
import { readOutline, sectionsMap } from '../../schemas/docLayout';
import type { SectionNode, SectionStatus } from '../../schemas/project';
import { HttpError } from '../http/errors';
import type { UserRecord } from '../store/users';
import type { Deps } from './deps';
import { findReadableProject } from './projects';
import { auditSectionControl, sectionControl } from './sectionAudit';

export interface SectionPatch {
  status?: SectionStatus;
  assignees?: string[];
  dueDate?: string | null;
  locked?: boolean;
}

const forbidden = (message: string) => new HttpError(403, 'forbidden', message);

/**
 * Changes a section's writing metadata through the same Y.Doc the editors share. Status is the
 * authors' (editors); assignment and due date the coordinator's; a locked section changes only
 * by a coordinator.
 */
export function updateSection(deps: Deps, user: UserRecord, projectId: string, sectionId: string, patch: SectionPatch): void {
  findReadableProject(deps, user, projectId);
  const loaded = deps.registry.get(projectId);
  const section = sectionsMap(loaded.doc).get(sectionId);
  if (!section) throw new HttpError(404, 'section_not_found', 'Section introuvable.');
  const can = (action: 'project.edit' | 'project.manage' | 'section.editLocked') => deps.policy.can(user, { action, projectId });
  if (!can('project.edit')) throw forbidden('Votre rôle sur ce projet est en lecture seule.');
  if ((patch.assignees !== undefined || patch.dueDate !== undefined) && !can('project.manage')) {
    throw forbidden('Seul un coordonnateur attribue les sections et fixe les échéances.');
  }
  if ((patch.locked !== undefined || section.get('locked') === true) && !can('section.editLocked')) {
    throw forbidden('Cette section est verrouillée : seul un coordonnateur peut la modifier.');
  }
  if (patch.assignees) {
    const members = new Set(deps.store.projects.members(projectId).map((m) => m.userId));
    const unknown = patch.assignees.filter((id) => !members.has(id));
    if (unknown.length > 0) {
      throw new HttpError(400, 'validation_failed', 'Données invalides (corps).', [
        { path: 'assignees', message: `Ces personnes ne sont pas membres du projet : ${unknown.join(', ')}.` },
      ]);
    }
  }
  const before = sectionControl(section);
  loaded.change((doc: Y.Doc) => {
    const target = sectionsMap(doc).get(sectionId)!;
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      if (value === null) target.delete(key);
      else target.set(key, value);
    }
  });
  const title = String(section.get('title') ?? sectionId);
  auditSectionControl(deps, user, { projectId, sectionId, title, before, after: sectionControl(section) });
}

export interface Assignment {
  sectionId: string;
  number: string;
  title: string;
  status: SectionStatus;
  mandatory: boolean;
  dueDate: string | null;
  overdue: boolean;
  locked: boolean;
  assignees: { id: string; name: string }[];
}

/** "Who owes what, by when": every section with its assignees, due date and status. */
export function assignments(deps: Deps, projectId: string, today: string): Assignment[] {
  const doc = deps.registry.get(projectId).doc;
  const out: Assignment[] = [];
  const walk = (nodes: SectionNode[], prefix: string) =>
    nodes.forEach((node, i) => {
      const number = `${prefix}${i + 1}`;
      const map = sectionsMap(doc).get(node.id)!;
      const dueDate = (map.get('dueDate') as string | undefined) ?? null;
      const ids = (map.get('assignees') as string[] | undefined) ?? [];
      out.push({
        sectionId: node.id,
        number,
        title: node.title,
        status: node.status,
        mandatory: node.mandatory,
        dueDate,
        overdue: dueDate !== null && dueDate < today && node.status !== 'valide',
        locked: map.get('locked') === true,
        assignees: ids.map((id) => ({ id, name: deps.store.users.get(id)?.name ?? 'Compte supprimé' })),
      });
      walk(node.children, `${number}.`);
    });
  walk(readOutline(doc), '');
  return out;
}
