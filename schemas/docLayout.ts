import * as Y from 'yjs';
import type { ChapterTemplate, DocumentTemplate, SectionNode, SectionStatus } from './project';
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

function addChapters(doc: Y.Doc, chapters: ChapterTemplate[], parentId: string | null): void {
  chapters.forEach((chapter, index) => {
    addSection(doc, chapter.id, {
      title: chapter.title,
      parentId,
      position: index + 1,
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
export function initDocument(
  doc: Y.Doc,
  template: DocumentTemplate,
  init: { title: string; etablissements?: Etablissement[] },
): void {
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

/** The section tree as plain data, ordered by position then id (stable across clients). */
export function readOutline(doc: Y.Doc): SectionNode[] {
  const byParent = new Map<string | null, { node: SectionNode; position: number }[]>();
  sectionsMap(doc).forEach((map, id) => {
    const parentId = (map.get('parentId') as string | null | undefined) ?? null;
    const node: SectionNode = {
      id,
      title: String(map.get('title') ?? ''),
      fragment: fragmentName(id),
      mandatory: map.get('mandatory') === true,
      legalBasis: map.get('legalBasis') as string | undefined,
      guidance: map.get('guidance') as string | undefined,
      status: asStatus(map.get('status')),
      blocks: asBlocks(map.get('blocks')),
      locked: map.get('locked') === true,
      assignees: asStrings(map.get('assignees')),
      dueDate: typeof map.get('dueDate') === 'string' ? (map.get('dueDate') as string) : null,
      children: [],
    };
    const siblings = byParent.get(parentId) ?? [];
    siblings.push({ node, position: Number(map.get('position') ?? 0) });
    byParent.set(parentId, siblings);
  });
  const build = (parentId: string | null): SectionNode[] =>
    (byParent.get(parentId) ?? [])
      .sort((a, b) => a.position - b.position || a.node.id.localeCompare(b.node.id))
      .map(({ node }) => ({ ...node, children: build(node.id) }));
  return build(null);
}
