import * as Y from 'yjs';
import { initDocument, readOutline } from '../../schemas/docLayout';
import type { DocumentKind, ProjectRole, SectionNode } from '../../schemas/project';
import type { Etablissement } from '../../schemas/structured';
import { DomainError } from '../errors';
import type { ProjectRecord } from '../store/projects';
import type { UserRecord } from '../store/users';
import type { Deps } from '../deps';
import { checkProjectCreation } from './quotas';
import { pickOptionalChapters } from './optionalChapters';
import { effectiveTemplate } from './templates';

const collabTokenTtlMs = 5 * 60 * 1000;

/** The établissements a project declines over: a GHT's members, or the establishment itself. */
function etablissementsOf(deps: Deps, organisationId: string | undefined): Etablissement[] {
  if (!organisationId) return [];
  const all = deps.store.organisations.list();
  const members = all.filter((o) => o.parentId === organisationId && o.kind === 'etablissement');
  const own = all.filter((o) => o.id === organisationId && o.kind === 'etablissement');
  return [...members.sort((a, b) => Number(b.isSupport) - Number(a.isSupport)), ...own].map((o) => ({ id: o.id, name: o.name }));
}

function forbidden(): DomainError {
  return new DomainError('forbidden', 'forbidden', 'Vous n’avez pas les droits nécessaires sur ce projet.');
}

/** The project, or 404 — also when the user may not read it, so ids cannot be probed. */
export function findReadableProject(deps: Deps, user: UserRecord, projectId: string): ProjectRecord {
  const project = deps.store.projects.get(projectId);
  if (!project || !deps.policy.can(user, { action: 'project.read', projectId })) {
    throw new DomainError('not_found', 'project_not_found', 'Projet introuvable.');
  }
  return project;
}

/**
 * Creates a project from its kind's template: the creator becomes coordinator and the
 * document's first state (the chapter outline) is logged before anyone can connect.
 */
export function createProject(
  deps: Deps,
  user: UserRecord,
  input: { kind: DocumentKind; title: string; organisationId?: string; period?: { startYear: number; endYear: number }; optionalChapters?: string[] },
): string {
  const organisationId = input.organisationId ?? null;
  // An organisation the user cannot see is reported as unknown, so ids cannot be probed.
  if (organisationId !== null && (!deps.store.organisations.get(organisationId) || !deps.policy.can(user, { action: 'organisation.list', organisationId }))) {
    throw new DomainError('invalid', 'validation_failed', 'Données invalides (corps).', [{ path: 'organisationId', message: 'Organisation inconnue.' }]);
  }
  if (!deps.policy.can(user, { action: 'project.create', organisationId })) {
    throw new DomainError(
      'forbidden',
      'forbidden',
      organisationId === null
        ? 'Votre compte ne peut pas créer de projet.'
        : 'Seules les personnes ayant un rôle dans cette organisation (ou son GHT) peuvent y créer un projet.',
    );
  }
  checkProjectCreation(deps, user);
  const proposed = effectiveTemplate(deps, input.kind, input.organisationId);
  // Optional chapters the coordinator picked (a CHU's attractiveness, digital health…), at the end.
  const template = { ...proposed, chapters: [...proposed.chapters, ...pickOptionalChapters(input.kind, input.optionalChapters ?? [])] };
  const startYear = new Date().getFullYear();
  const period = input.period ?? { startYear, endYear: startYear + 4 };
  const doc = new Y.Doc();
  initDocument(doc, template, { title: input.title, etablissements: etablissementsOf(deps, input.organisationId) });
  const initialState = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return deps.store.transaction(() => {
    const id = deps.store.projects.create({
      kind: input.kind,
      title: input.title,
      organisationId: input.organisationId ?? null,
      templateVersion: template.version,
      templateCustomisationVersion: template.customisation?.version ?? null,
      period,
      createdBy: user.id,
    });
    deps.store.projects.setMember(id, user.id, 'coordinator');
    deps.store.documents.append(id, initialState);
    return id;
  });
}

export function projectOutline(deps: Deps, projectId: string): SectionNode[] {
  return readOutline(deps.registry.get(projectId).doc);
}

export function setMemberRole(deps: Deps, user: UserRecord, input: { projectId: string; userId: string; role: ProjectRole }): void {
  findReadableProject(deps, user, input.projectId);
  if (!deps.policy.can(user, { action: 'project.manage', projectId: input.projectId })) throw forbidden();
  const target = deps.store.users.get(input.userId);
  if (!target) throw new DomainError('not_found', 'user_not_found', 'Utilisateur introuvable.');
  const previous = deps.store.projects.roleOf(input.projectId, input.userId) ?? null;
  if (previous === 'coordinator' && input.role !== 'coordinator') refuseLastCoordinator(deps, input.projectId);
  deps.store.transaction(() => {
    deps.store.projects.setMember(input.projectId, input.userId, input.role);
    // Who may freeze versions and override governance rules is part of the approval record.
    deps.store.audit.append({
      actorId: user.id,
      actorName: user.name,
      action: 'member.role',
      projectId: input.projectId,
      subjectType: 'user',
      subjectId: input.userId,
      details: { user: target.name, from: previous, to: input.role },
    });
  });
  // Rights are decided when a socket is admitted: the user's open sockets reconnect under the new role.
  if (previous !== null && previous !== input.role) {
    deps.store.sessions.deleteCollabTokens(input.userId, input.projectId);
    deps.sockets.revoke({ userId: input.userId, projectId: input.projectId }, 'rightsChanged');
  }
}

/** A project always keeps a coordinator: someone must be able to manage it. */
function refuseLastCoordinator(deps: Deps, projectId: string): void {
  const coordinators = deps.store.projects.members(projectId).filter((m) => m.role === 'coordinator');
  if (coordinators.length <= 1) {
    throw new DomainError('conflict', 'last_coordinator', 'Le projet doit garder au moins un coordonnateur : nommez-en un autre avant.');
  }
}

/** Removes a member: their open sockets on the project close at once and their tokens die. */
export function removeMember(deps: Deps, user: UserRecord, input: { projectId: string; userId: string }): void {
  findReadableProject(deps, user, input.projectId);
  if (!deps.policy.can(user, { action: 'project.manage', projectId: input.projectId })) throw forbidden();
  const role = deps.store.projects.roleOf(input.projectId, input.userId);
  if (!role) throw new DomainError('not_found', 'member_not_found', 'Cette personne n’est pas membre du projet.');
  if (role === 'coordinator') refuseLastCoordinator(deps, input.projectId);
  const target = deps.store.users.get(input.userId);
  deps.store.transaction(() => {
    deps.store.projects.removeMember(input.projectId, input.userId);
    deps.store.sessions.deleteCollabTokens(input.userId, input.projectId);
    deps.store.audit.append({
      actorId: user.id,
      actorName: user.name,
      action: 'member.removed',
      projectId: input.projectId,
      subjectType: 'user',
      subjectId: input.userId,
      details: { user: target?.name ?? null, from: role },
    });
  });
  deps.sockets.revoke({ userId: input.userId, projectId: input.projectId }, 'removed');
}

/** A short-lived token for non-browser clients (`/collab/:id?token=`), bound to one project. */
export function issueCollabToken(deps: Deps, user: UserRecord, projectId: string, sessionHash: string): string {
  findReadableProject(deps, user, projectId);
  return deps.store.sessions.createCollabToken(user.id, projectId, collabTokenTtlMs, sessionHash);
}
