import type * as Y from 'yjs';
import { sectionIdOfFragment, sectionsMap, sectionsMapName } from '../../schemas/docLayout';
import { fichesActionsMap, filieresMap, objectifsMap, structuredRoots } from '../../schemas/structured';
import type { UpdateScope } from '../collab/updateScope';

/** Ids of the sections a coordinator has locked (validated text). */
export function lockedSectionIds(doc: Y.Doc): Set<string> {
  const locked = new Set<string>();
  sectionsMap(doc).forEach((section, id) => {
    if (section.get('locked') === true) locked.add(id);
  });
  return locked;
}

/** The section a change belongs to, from its location in the document. */
function sectionOf(doc: Y.Doc, root: string, path: (string | null)[]): string | null {
  const key = path[0] ?? null;
  const fromFragment = sectionIdOfFragment(root);
  if (fromFragment) return fromFragment;
  if (key === null) return null;
  const recordSection = (map: Y.Map<Y.Map<unknown>>) => (map.get(key)?.get('sectionId') as string | undefined) ?? null;
  switch (root) {
    case sectionsMapName:
      return key;
    case structuredRoots.filieres:
      return recordSection(filieresMap(doc));
    case structuredRoots.fichesActions:
      return recordSection(fichesActionsMap(doc));
    case structuredRoots.objectifs:
      return recordSection(objectifsMap(doc));
    case structuredRoots.indicatorTables:
      // An indicator table belongs to a section, or to a fiche-action of a section.
      return sectionsMap(doc).has(key) ? key : recordSection(fichesActionsMap(doc));
    default:
      return null;
  }
}

/** Section keys only a coordinator sets: the lock, and who owes the section by when. */
const coordinatorKeys = new Set(['locked', 'assignees', 'dueDate']);

/**
 * Why an update from a non-coordinator is refused, or null. Such a user may neither touch a
 * locked section (its text, its entry, its structured records) nor set a section's lock,
 * assignees or due date; an update whose target cannot be resolved yet is refused while locks
 * exist.
 */
export function lockedSectionViolation(doc: Y.Doc, scope: UpdateScope): string | null {
  for (const location of scope.locations) {
    const key = location.path[1];
    if (location.root === sectionsMapName && typeof key === 'string' && coordinatorKeys.has(key)) return `coordinator key ${key}`;
  }
  const locked = lockedSectionIds(doc);
  if (locked.size === 0) return null;
  if (scope.unresolved) return 'unresolved change while sections are locked';
  for (const { root, path } of scope.locations) {
    const sectionId = sectionOf(doc, root, path);
    if (sectionId !== null && locked.has(sectionId)) return `section ${sectionId} is locked`;
  }
  return null;
}
