import * as Y from 'yjs';
import type { ChapterTemplate, DocumentTemplate, NotApplicable, SectionNode, SectionStatus } from './project';
import { sectionStatuses } from './project';
import { blockKinds, createIndicatorTable, type BlockKind, type Etablissement } from './structured';

/**
 * The layout of a project's Y.Doc, shared by the server, the editor and every tool that reads
 * or writes documents (documented in docs/YJS.md):
 *   meta                 Y.Map   kind, title, templateVersion, layoutVersion
 *   sections             Y.Map   sectionId → Y.Map (title, parentId, position, mandatory, …)
 *   section:<sectionId>  Y.XmlFragment, the rich text of one section (Tiptap schema)
 */
export const layoutVersion = 1;
export const metaMapName = 'meta';
export const sectionsMapName = 'sections';

export function fragmentName(sectionId: string): string {
  return `section:${sectionId}`;
}

/** The section a root fragment name belongs to, or null when the name is not a section's. */
export function sectionIdOfFragment(name: string): string | null {
  return name.startsWith('section:') ? name.slice('section:'.length) : null;
}

export function sectionsMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap<Y.Map<unknown>>(sectionsMapName);
}

export interface SectionFields {
  title: string;
  parentId: string | null;
  position: number;
  mandatory: boolean;
  legalBasis?: string;
  guidance?: string;
  status: SectionStatus;
  blocks?: BlockKind[];
}

function addSection(doc: Y.Doc, id: string, fields: SectionFields): void {
  const map = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) map.set(key, value);
  }
  sectionsMap(doc).set(id, map);
}

/** Adds template chapters (and their children) under `parentId`, from position `firstPosition`. */
export function addChapters(doc: Y.Doc, chapters: ChapterTemplate[], parentId: string | null, firstPosition = 1): void {
  chapters.forEach((chapter, index) => {
    addSection(doc, chapter.id, {
      title: chapter.title,
      parentId,
      position: firstPosition + index,
      mandatory: chapter.mandatory,
      legalBasis: chapter.legalBasis,
      guidance: chapter.guidance,
      status: 'a_rediger',
      blocks: chapter.blocks,
    });
    if (chapter.blocks?.includes('indicators')) createIndicatorTable(doc, chapter.id);
    if (chapter.children) addChapters(doc, chapter.children, chapter.id);
  });
}

/** Fills an empty Y.Doc with the outline of a template, in one transaction. */
export function initDocument(doc: Y.Doc, template: DocumentTemplate, init: { title: string; etablissements?: Etablissement[] }): void {
  doc.transact(() => {
    const meta = doc.getMap<unknown>(metaMapName);
    meta.set('layoutVersion', layoutVersion);
    meta.set('kind', template.kind);
    meta.set('title', init.title);
    meta.set('templateVersion', template.version);
    meta.set('etablissements', init.etablissements ?? []);
    addChapters(doc, template.chapters, null);
  });
}

function asStatus(value: unknown): SectionStatus {
  return sectionStatuses.includes(value as SectionStatus) ? (value as SectionStatus) : 'a_rediger';
}

function asStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function asBlocks(value: unknown): BlockKind[] {
  return Array.isArray(value) ? value.filter((b): b is BlockKind => blockKinds.includes(b as BlockKind)) : [];
}

function asNotApplicable(value: unknown): NotApplicable | null {
  if (typeof value !== 'object' || value === null) return null;
  const { reason, by, at } = value as Record<string, unknown>;
  return typeof reason === 'string' ? { reason, by: typeof by === 'string' ? by : '', at: typeof at === 'string' ? at : '' } : null;
}

/** A section's entry in the outline, when it is one (a stored entry may be anything). */
export function sectionEntry(doc: Y.Doc, sectionId: string): Y.Map<unknown> | undefined {
  const entry: unknown = sectionsMap(doc).get(sectionId);
  return entry instanceof Y.Map ? (entry as Y.Map<unknown>) : undefined;
}

/** The entries of the outline that are sections (a stored entry may be anything: readers skip the rest). */
export function sectionEntries(doc: Y.Doc): Map<string, Y.Map<unknown>> {
  const out = new Map<string, Y.Map<unknown>>();
  sectionsMap(doc).forEach((entry: unknown, id) => {
    if (entry instanceof Y.Map) out.set(id, entry as Y.Map<unknown>);
  });
  return out;
}

/** A section's parent when it leads to the top without a cycle; else the section is shown at the top. */
function parentsOf(entries: Map<string, Y.Map<unknown>>): Map<string, string | null> {
  const declared = (id: string): string | null => {
    const parent: unknown = entries.get(id)?.get('parentId');
    return typeof parent === 'string' && entries.has(parent) ? parent : null;
  };
  const parents = new Map<string, string | null>();
  for (const id of entries.keys()) {
    const seen = new Set([id]);
    let at = declared(id);
    while (at !== null && !seen.has(at)) {
      seen.add(at);
      at = declared(at);
    }
    parents.set(id, at === null ? declared(id) : null);
  }
  return parents;
}

const optionalString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** The section tree as plain data, ordered by position then id (stable across clients). */
export function readOutline(doc: Y.Doc): SectionNode[] {
  const byParent = new Map<string | null, { node: SectionNode; position: number }[]>();
  const entries = sectionEntries(doc);
  const parents = parentsOf(entries);
  entries.forEach((map, id) => {
    const parentId = parents.get(id) ?? null;
    const position = Number(map.get('position') ?? 0);
    const node: SectionNode = {
      id,
      title: String(map.get('title') ?? ''),
      fragment: fragmentName(id),
      mandatory: map.get('mandatory') === true,
      legalBasis: optionalString(map.get('legalBasis')),
      guidance: optionalString(map.get('guidance')),
      status: asStatus(map.get('status')),
      blocks: asBlocks(map.get('blocks')),
      locked: map.get('locked') === true,
      assignees: asStrings(map.get('assignees')),
      dueDate: typeof map.get('dueDate') === 'string' ? (map.get('dueDate') as string) : null,
      notApplicable: asNotApplicable(map.get('notApplicable')),
      ...(typeof map.get('pmpItemId') === 'string' && map.get('pmpItemId') !== '' ? { pmpItemId: map.get('pmpItemId') as string } : {}),
      children: [],
    };
    const siblings = byParent.get(parentId) ?? [];
    siblings.push({ node, position: Number.isFinite(position) ? position : 0 });
    byParent.set(parentId, siblings);
  });
  const build = (parentId: string | null): SectionNode[] =>
    (byParent.get(parentId) ?? [])
      .sort((a, b) => a.position - b.position || a.node.id.localeCompare(b.node.id))
      .map(({ node }) => ({ ...node, children: build(node.id) }));
  return build(null);
}
