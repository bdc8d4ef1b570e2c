/**
 * A search result opens its section with the find bar already looking for the same words: the
 * results page leaves the words here, the project page takes them once (views/searchPage.ts,
 * editor/findBar.ts).
 */
let pending: { projectId: string; sectionId: string; query: string } | null = null;

export function requestFind(projectId: string, sectionId: string, query: string): void {
  pending = { projectId, sectionId, query };
}

/** The words to look for on opening this section, once. */
export function takeFindRequest(projectId: string, sectionId: string | null): string | null {
  if (!pending || pending.projectId !== projectId || (sectionId !== null && pending.sectionId !== sectionId)) return null;
  const { query } = pending;
  pending = null;
  return query;
}
