import type * as Y from 'yjs';
import { addChapters, sectionEntries } from '../../schemas/docLayout';
import type { NotApplicable } from '../../schemas/project';
import { getTemplate, notApplicableChapterIds } from '../../templates';
import { DomainError } from '../errors';
import type { UserRecord } from '../store/users';
import type { Deps } from '../deps';
import { pickOptionalChapters } from './optionalChapters';
import { findReadableProject } from './projects';

/**
 * What a coordinator decides about the chapters the law leaves open, through server-side Yjs
 * changes (the outline is server-owned): the optional chapters a template proposes (a CHU's
 * attractiveness, digital health…), and the parts required only where they apply, marked
 * "sans objet" with the reason why (D6143-37-1 5°: the pôles annex, where there are no pôles).
 */

function managedProject(deps: Deps, user: UserRecord, projectId: string, message: string) {
  const project = findReadableProject(deps, user, projectId);
  if (!deps.policy.can(user, { action: 'project.manage', projectId })) throw new DomainError('forbidden', 'forbidden', message);
  return project;
}

/** Adds one of the template's optional chapters at the end of the document; 409 when it is there already. */
export function addOptionalChapter(deps: Deps, user: UserRecord, projectId: string, chapterId: string): void {
  const project = managedProject(deps, user, projectId, 'Seul un coordonnateur ajoute des chapitres.');
  const [chapter] = pickOptionalChapters(project.kind, [chapterId], 'chapterId');
  const loaded = deps.registry.get(projectId);
  const entries = sectionEntries(loaded.doc);
  if (entries.has(chapterId)) throw new DomainError('conflict', 'chapter_present', `Le chapitre « ${chapter!.title} » figure déjà dans le document.`);
  const top = [...entries.values()].filter((e) => (e.get('parentId') ?? null) === null);
  const position = Math.max(0, ...top.map((e) => Number(e.get('position')) || 0)) + 1;
  loaded.change((doc: Y.Doc) => addChapters(doc, [chapter!], null, position));
  audit(deps, user, projectId, 'section.optional.add', chapterId, { title: chapter!.title });
}

/**
 * Marks a part "sans objet" with its justification (≥ 10 characters), or clears the mark
 * (`justification` null). Only the parts the law requires where they apply may be marked, and
 * never, in a CHU, a part the law always requires there.
 */
export function setNotApplicable(
  deps: Deps,
  user: UserRecord,
  projectId: string,
  sectionId: string,
  justification: string | null,
  now = new Date(),
): NotApplicable | null {
  const project = managedProject(deps, user, projectId, 'Seul un coordonnateur déclare une partie « sans objet ».');
  const loaded = deps.registry.get(projectId);
  const section = sectionEntries(loaded.doc).get(sectionId);
  if (!section) throw new DomainError('not_found', 'section_not_found', 'Section introuvable.');
  const title = String(section.get('title') ?? sectionId);
  if (justification !== null) {
    const chu = project.organisationId !== null && deps.store.organisations.get(project.organisationId)?.type === 'CHU';
    if (!notApplicableChapterIds(getTemplate(project.kind), { chu }).includes(sectionId)) {
      throw new DomainError(
        'conflict',
        'not_applicable_refused',
        chu && getTemplate(project.kind).chapters.some((c) => c.id === sectionId && c.mandatoryInChu)
          ? `La partie « ${title} » est toujours exigée dans un CHU : elle ne peut pas être déclarée « sans objet ».`
          : `La partie « ${title} » ne peut pas être déclarée « sans objet » : seules les parties exigées « le cas échéant » peuvent l’être.`,
      );
    }
    if (justification.trim().length < 10) {
      throw new DomainError('invalid', 'validation_failed', 'Données invalides (corps).', [
        { path: 'justification', message: 'Indiquez pourquoi cette partie est sans objet (10 caractères au moins).' },
      ]);
    }
  }
  const mark: NotApplicable | null = justification === null ? null : { reason: justification.trim(), by: user.name, at: now.toISOString() };
  loaded.change((doc: Y.Doc) => {
    const entry = sectionEntries(doc).get(sectionId);
    if (!entry) return;
    if (mark) entry.set('notApplicable', mark);
    else entry.delete('notApplicable');
  });
  audit(deps, user, projectId, mark ? 'section.notApplicable' : 'section.notApplicable.clear', sectionId, { title, justification: mark?.reason ?? null });
  return mark;
}

function audit(deps: Deps, user: UserRecord, projectId: string, action: string, sectionId: string, details: Record<string, unknown>): void {
  deps.store.audit.append({ actorId: user.id, actorName: user.name, action, projectId, subjectType: 'section', subjectId: sectionId, details });
}
