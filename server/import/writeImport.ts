import type { JSONContent } from '@tiptap/core';
import * as Y from 'yjs';
import { fragmentName, sectionEntries, sectionEntry, sectionsMap } from '../../schemas/docLayout';
import type { ImportOutcome } from '../../schemas/api/imports';
import { textOf, writeTextField } from '../../schemas/sharedText';
import { filieresMap, indicatorRows, matrixKey, recordEntries } from '../../schemas/structured';
import { addFiliere, addIndicator, removeIndicator, removeRecord } from '../../schemas/structuredEdits';
import { namesChapter, type MappingLine } from './mapping';
import type { AppliedImport } from './pendingImports';
import { normaliseHeading, similarity } from './similarity';
import type { PartItem, SourcePart } from './sourceParts';
import { richText } from '../richText/runtime';

export const unsortedTitle = 'À classer';

export type { ImportOutcome } from '../../schemas/api/imports';

/** The « À classer » section of the document (top level, that title), if there is one. */
export function findUnsortedSection(doc: Y.Doc): string | null {
  for (const [id, entry] of sectionEntries(doc)) {
    if ((entry.get('parentId') ?? null) === null && entry.get('title') === unsortedTitle) return id;
  }
  return null;
}

/** Creates the « À classer » section at the end of the top level (an outline change: the server's). */
export function createUnsortedSection(doc: Y.Doc, id: string): void {
  const top = [...sectionEntries(doc).values()].filter((e) => (e.get('parentId') ?? null) === null);
  const entry = new Y.Map<unknown>();
  entry.set('title', unsortedTitle);
  entry.set('parentId', null);
  entry.set('position', Math.max(0, ...top.map((e) => Number(e.get('position')) || 0)) + 1);
  entry.set('mandatory', false);
  entry.set('status', 'a_rediger');
  entry.set('blocks', []);
  entry.set('guidance', 'Contenu importé qui ne correspond à aucun chapitre : déplacez-le dans le bon chapitre, puis supprimez-le d’ici.');
  sectionsMap(doc).set(id, entry);
}

export const sectionJson = (doc: Y.Doc, sectionId: string): JSONContent => richText().fragmentJson(doc.getXmlFragment(fragmentName(sectionId)));

export function writeSectionJson(doc: Y.Doc, sectionId: string, json: JSONContent): void {
  richText().writeFragment(json, doc.getXmlFragment(fragmentName(sectionId)));
}

const isEmptyDoc = (json: JSONContent): boolean => (json.content ?? []).every((n) => n.type === 'paragraph' && !(n.content ?? []).length);

function matchingFiliere(doc: Y.Doc, sectionId: string, name: string): string | null {
  const wanted = normaliseHeading(name);
  let best: string | null = null;
  let score = 0.8;
  for (const [id, record] of recordEntries(filieresMap(doc))) {
    if (record.get('sectionId') !== sectionId) continue;
    const s = similarity(wanted, normaliseHeading(textOf(record.get('name'))));
    if (s >= score) [best, score] = [id, s];
  }
  return best;
}

/**
 * Writes the parts into the document as mapped, inside the caller's transaction: text appended
 * to (or replacing) each chapter's, indicator tables as indicator rows of a chapter that has
 * the block, filière tables into the filière matrix of a chapter with filières, anything else
 * kept as text; unmatched parts under their heading in « À classer ».
 */
export function writeImport(
  doc: Y.Doc,
  parts: SourcePart[],
  mapping: MappingLine[],
  unsortedSectionId: string | null,
): { outcome: ImportOutcome; applied: Omit<AppliedImport, 'at' | 'undone' | 'createdSectionId'> } {
  const outcome: ImportOutcome = { sections: [], structured: [], keptAsTables: [], skipped: [], unsortedSectionId };
  const applied: Omit<AppliedImport, 'at' | 'undone' | 'createdSectionId'> = { sections: [], indicatorRows: [], filieres: [] };
  const byPart = new Map(parts.map((p) => [p.id, p]));
  const bodies = new Map<string, { nodes: JSONContent[]; mode: 'replace' | 'append'; parts: string[] }>();
  for (const line of mapping) {
    const part = byPart.get(line.partId);
    if (!part || line.action === 'skip') {
      outcome.skipped.push(line.partId);
      continue;
    }
    const sectionId = line.action === 'unsorted' ? unsortedSectionId! : line.sectionId!;
    const entry = sectionEntry(doc, sectionId)!;
    const blocks = (entry.get('blocks') as string[] | undefined) ?? [];
    let body = bodies.get(sectionId);
    if (!body) {
      const hasText = !isEmptyDoc(sectionJson(doc, sectionId));
      if (hasText && line.whenNotEmpty === 'skip') {
        outcome.skipped.push(line.partId);
        continue;
      }
      body = { nodes: [], mode: hasText && line.whenNotEmpty === 'replace' ? 'replace' : 'append', parts: [] };
      bodies.set(sectionId, body);
    }
    body.parts.push(part.id);
    if (part.heading && (line.action === 'unsorted' || !namesChapter(part.heading, String(entry.get('title') ?? '')))) {
      body.nodes.push({ type: 'heading', attrs: { level: Math.min(4, part.level + 1) }, content: [{ type: 'text', text: part.heading }] });
    }
    for (const item of part.items)
      writeItem(doc, item, { partId: part.id, sectionId, blocks, unsorted: line.action === 'unsorted' }, body.nodes, outcome, applied);
  }
  for (const [sectionId, body] of bodies) {
    const before = sectionJson(doc, sectionId);
    const kept = body.mode === 'append' && !isEmptyDoc(before) ? (before.content ?? []) : [];
    const after: JSONContent = { type: 'doc', content: [...kept, ...body.nodes] };
    if (after.content!.length === 0) after.content = [{ type: 'paragraph' }];
    writeSectionJson(doc, sectionId, after);
    applied.sections.push({ sectionId, before, after: sectionJson(doc, sectionId) });
    outcome.sections.push({ sectionId, title: String(sectionEntry(doc, sectionId)?.get('title') ?? sectionId), mode: body.mode, parts: body.parts });
  }
  return { outcome, applied };
}

function writeItem(
  doc: Y.Doc,
  item: PartItem,
  target: { partId: string; sectionId: string; blocks: string[]; unsorted: boolean },
  nodes: JSONContent[],
  outcome: ImportOutcome,
  applied: Omit<AppliedImport, 'at' | 'undone' | 'createdSectionId'>,
): void {
  const { partId, sectionId, blocks } = target;
  if (item.kind === 'rich') {
    nodes.push(...item.nodes);
    return;
  }
  if (item.kind === 'indicators') {
    const label = `${item.rows.length} indicateur${item.rows.length > 1 ? 's' : ''}`;
    if (!target.unsorted && blocks.includes('indicators') && indicatorRows(doc, sectionId)) {
      for (const row of item.rows) applied.indicatorRows.push({ ownerId: sectionId, rowId: addIndicator(doc, sectionId, row) });
      outcome.structured.push({ partId, sectionId, label });
    } else {
      nodes.push(item.table);
      outcome.keptAsTables.push({ partId, sectionId, label });
    }
    return;
  }
  const label = `matrice de la filière « ${item.filiere} »`;
  if (target.unsorted || !blocks.includes('filieres')) {
    nodes.push(item.table);
    outcome.keptAsTables.push({ partId, sectionId, label });
    return;
  }
  const existing = matchingFiliere(doc, sectionId, item.filiere);
  const id = existing ?? addFiliere(doc, sectionId, item.filiere.slice(0, 300));
  const record = filieresMap(doc).get(id);
  if (!existing && item.description && record) writeTextField(record, 'description', item.description);
  const matrix: unknown = record?.get('matrix');
  if (!(matrix instanceof Y.Map)) {
    nodes.push(item.table);
    outcome.keptAsTables.push({ partId, sectionId, label });
    return;
  }
  const cells: { key: string; before: string | null }[] = [];
  for (const cell of item.matrix.cells) {
    const key = matrixKey(cell.modalityId, cell.etablissementId);
    const before: unknown = matrix.get(key);
    cells.push({ key, before: before === undefined ? null : textOf(before) });
    writeTextField(matrix as Y.Map<unknown>, key, cell.text);
  }
  applied.filieres.push({ id, created: existing === null, cells });
  outcome.structured.push({ partId, sectionId, label });
}

/**
 * Takes an applied import back out, inside the caller's transaction: each chapter's text as it
 * was before, the indicator rows and filières it created removed, the matrix cells it wrote as
 * they were. The « À classer » section it created is removed by the caller (an outline change).
 */
export function undoImport(doc: Y.Doc, applied: AppliedImport): void {
  for (const { sectionId, before } of applied.sections) {
    if (sectionId !== applied.createdSectionId) writeSectionJson(doc, sectionId, before as JSONContent);
  }
  for (const { ownerId, rowId } of applied.indicatorRows) removeIndicator(doc, ownerId, rowId);
  for (const filiere of applied.filieres) {
    if (filiere.created) {
      removeRecord(doc, 'filieres', filiere.id);
      continue;
    }
    const matrix: unknown = filieresMap(doc).get(filiere.id)?.get('matrix');
    if (!(matrix instanceof Y.Map)) continue;
    for (const { key, before } of [...filiere.cells].reverse()) {
      if (before === null) matrix.delete(key);
      else writeTextField(matrix as Y.Map<unknown>, key, before);
    }
  }
}

/** The sections whose text changed since the import wrote it (undo would lose those changes). */
export function changedSince(doc: Y.Doc, applied: AppliedImport): string[] {
  return applied.sections
    .filter(({ sectionId, after }) => !sectionEntry(doc, sectionId) || JSON.stringify(sectionJson(doc, sectionId)) !== JSON.stringify(after))
    .map(({ sectionId }) => sectionId);
}
