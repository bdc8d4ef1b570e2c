import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import { sectionEntries, sectionEntry, sectionsMap } from '../../schemas/docLayout';
import type { SectionStatus } from '../../schemas/project';
import { DomainError } from '../errors';
import type { UserRecord } from '../store/users';
import type { Deps } from '../deps';
import { findReadableProject } from './projects';
import { auditSectionControl, sectionControl } from './sectionAudit';

export interface SectionPatch {
  /** Coordinators rename chapters and reorder them among their siblings. */
  title?: string;
  position?: number;
  status?: SectionStatus;
  assignees?: string[];
  dueDate?: string | null;
  locked?: boolean;
  /** Coordinators say which PMP filière or fiche-action the chapter implements ('' for none; issue 24). */
  pmpItemId?: string;
}

const forbidden = (message: string) => new DomainError('forbidden', 'forbidden', message);

/**
 * Changes a section's writing metadata through the same Y.Doc the editors share. Status is the
 * authors' (editors), but "validé" is the coordinator's to give or take back; assignment and due
 * date the coordinator's; a locked section changes only by a coordinator.
 */
export function updateSection(deps: Deps, user: UserRecord, projectId: string, sectionId: string, patch: SectionPatch): void {
  findReadableProject(deps, user, projectId);
  const loaded = deps.registry.get(projectId);
  const section = sectionEntry(loaded.doc, sectionId);
  if (!section) throw new DomainError('not_found', 'section_not_found', 'Section introuvable.');
  const can = (action: 'project.edit' | 'project.manage' | 'section.editLocked' | 'section.validate') => deps.policy.can(user, { action, projectId });
  if (!can('project.edit')) throw forbidden('Votre rôle sur ce projet est en lecture seule.');
  if ((patch.assignees !== undefined || patch.dueDate !== undefined) && !can('project.manage')) {
    throw forbidden('Seul un coordonnateur attribue les sections et fixe les échéances.');
  }
  if (patch.pmpItemId !== undefined && !can('project.manage')) {
    throw forbidden('Seul un coordonnateur relie un chapitre au projet médical partagé.');
  }
  if ((patch.title !== undefined || patch.position !== undefined) && !can('project.manage')) {
    throw forbidden('Seul un coordonnateur renomme ou déplace les chapitres.');
  }
  // The outline is server-owned (no Yjs path writes a status): this is the one place it changes.
  const validation = patch.status !== undefined && patch.status !== section.get('status') && (patch.status === 'valide' || section.get('status') === 'valide');
  if (validation && !can('section.validate')) {
    throw forbidden(
      patch.status === 'valide'
        ? 'Seul un coordonnateur valide une section : passez-la « à valider » pour demander sa validation.'
        : 'Cette section est validée : seul un coordonnateur peut revenir sur sa validation.',
    );
  }
  if ((patch.locked !== undefined || section.get('locked') === true) && !can('section.editLocked')) {
    throw forbidden('Cette section est verrouillée : seul un coordonnateur peut la modifier.');
  }
  if (patch.assignees) {
    const members = new Set(deps.store.projects.members(projectId).map((m) => m.userId));
    const unknown = patch.assignees.filter((id) => !members.has(id));
    if (unknown.length > 0) {
      throw new DomainError('invalid', 'validation_failed', 'Données invalides (corps).', [
        { path: 'assignees', message: `Ces personnes ne sont pas membres du projet : ${unknown.join(', ')}.` },
      ]);
    }
  }
  const before = sectionControl(section);
  const linkBefore = typeof section.get('pmpItemId') === 'string' ? (section.get('pmpItemId') as string) : '';
  loaded.change((doc: Y.Doc) => {
    const target = sectionEntry(doc, sectionId)!;
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      if (value === null) target.delete(key);
      else target.set(key, value);
    }
  });
  const title = String(section.get('title') ?? sectionId);
  auditSectionControl(deps, user, { projectId, sectionId, title, before, after: sectionControl(section) });
  if (patch.pmpItemId !== undefined && patch.pmpItemId !== linkBefore) {
    deps.store.audit.append({
      actorId: user.id,
      actorName: user.name,
      action: 'section.pmpLink',
      projectId,
      subjectType: 'section',
      subjectId: sectionId,
      details: { title, before: linkBefore, after: patch.pmpItemId },
    });
  }
}

/**
 * Adds an optional chapter (never mandatory: the mandatory ones come from the template) at the
 * end of its parent's children, through the shared document so every editor sees it at once.
 */
export function addSection(deps: Deps, user: UserRecord, projectId: string, input: { title: string; parentId: string | null }): string {
  findReadableProject(deps, user, projectId);
  if (!deps.policy.can(user, { action: 'project.manage', projectId })) throw forbidden('Seul un coordonnateur ajoute des chapitres.');
  const loaded = deps.registry.get(projectId);
  const entries = sectionEntries(loaded.doc);
  if (input.parentId !== null && !entries.has(input.parentId)) {
    throw new DomainError('invalid', 'validation_failed', 'Données invalides (corps).', [{ path: 'parentId', message: 'Chapitre parent introuvable.' }]);
  }
  const siblings = [...entries.values()].filter((e) => (e.get('parentId') ?? null) === input.parentId);
  const position = Math.max(0, ...siblings.map((e) => Number(e.get('position')) || 0)) + 1;
  const id = `chapitre-${randomUUID().slice(0, 8)}`;
  loaded.change((doc: Y.Doc) => {
    const entry = new Y.Map<unknown>();
    entry.set('title', input.title);
    entry.set('parentId', input.parentId);
    entry.set('position', position);
    entry.set('mandatory', false);
    entry.set('status', 'a_rediger');
    entry.set('blocks', []);
    sectionsMap(doc).set(id, entry);
  });
  return id;
}
