import type { DocumentContent, SectionContent } from '../../schemas/api/versionContent';
import { canonicalJson } from './content';
import { diffLines, textLines } from './textDiff';
import { partChange } from './wording';
import type { Change } from '../../schemas/api/governanceViews';
import type { ContentDiff, SectionDiff, StructuredChange } from '../../schemas/api/versionDiff';
export type { Change, ContentDiff, SectionDiff, StructuredChange };

type Rec = Record<string, unknown>;
const asRecord = (v: unknown): Rec => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Rec) : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

interface Item {
  part: StructuredChange['part'];
  id: string;
  sectionId: string;
  label: string;
  value: string;
}

/** Structured records, each attached to the section it belongs to. */
function structuredItems(content: DocumentContent): Item[] {
  const items: Item[] = [];
  const filieres = asRecord(content.structured.filieres);
  const fiches = asRecord(content.structured.fichesActions);
  const objectifs = asRecord(content.structured.objectifs);
  const tables = asRecord(content.structured.indicatorTables);
  for (const [id, v] of Object.entries(filieres)) {
    const r = asRecord(v);
    items.push({ part: 'filiere', id, sectionId: str(r.sectionId), label: str(r.name) || id, value: canonicalJson(r) });
  }
  for (const [id, v] of Object.entries(fiches)) {
    const r = asRecord(v);
    items.push({ part: 'ficheAction', id, sectionId: str(r.sectionId), label: str(r.title) || id, value: canonicalJson(r) });
  }
  for (const [id, v] of Object.entries(objectifs)) {
    const r = asRecord(v);
    items.push({ part: 'objectif', id, sectionId: str(r.sectionId), label: str(r.label) || id, value: canonicalJson(r) });
  }
  for (const [ownerId, rows] of Object.entries(tables)) {
    // A table belongs to a section, or to a fiche-action (and then to the fiche's section).
    const sectionId = ownerId in fiches ? str(asRecord(fiches[ownerId]).sectionId) : ownerId;
    for (const row of Array.isArray(rows) ? rows : []) {
      const r = asRecord(row);
      const id = str(r.id) || canonicalJson(r);
      items.push({ part: 'indicator', id, sectionId, label: str(r.indicateur) || 'indicateur', value: canonicalJson(r) });
    }
  }
  return items;
}

const structuredChange = (item: Item, change: Change): StructuredChange => ({
  part: item.part,
  id: item.id,
  label: item.label,
  change,
  text: partChange(item.part, item.label, change),
});

function structuredChanges(before: Item[], after: Item[], sectionId: string): StructuredChange[] {
  const key = (i: Item) => `${i.part}:${i.id}`;
  const a = new Map(before.filter((i) => i.sectionId === sectionId).map((i) => [key(i), i]));
  const b = new Map(after.filter((i) => i.sectionId === sectionId).map((i) => [key(i), i]));
  const changes: StructuredChange[] = [];
  for (const [k, item] of b) {
    const old = a.get(k);
    if (!old) changes.push(structuredChange(item, 'added'));
    else if (old.value !== item.value) changes.push(structuredChange(item, 'changed'));
  }
  for (const [k, item] of a) if (!b.has(k)) changes.push(structuredChange(item, 'removed'));
  return changes;
}

function sectionDiff(
  before: SectionContent | undefined,
  after: SectionContent | undefined,
  items: { before: Item[]; after: Item[] },
  movedIds: Set<string>,
): SectionDiff | null {
  const id = (after ?? before)!.id;
  const structured = structuredChanges(items.before, items.after, id);
  const linesBefore = before ? textLines(before.text) : [];
  const linesAfter = after ? textLines(after.text) : [];
  const textChanged = canonicalJson(before?.text ?? null) !== canonicalJson(after?.text ?? null);
  const ops = textChanged ? diffLines(linesBefore, linesAfter) : [];
  const text = textChanged ? { added: ops.filter((o) => o.op === 'added').length, removed: ops.filter((o) => o.op === 'removed').length, lines: ops } : null;
  if (!before || !after) {
    return { sectionId: id, title: (after ?? before)!.title, change: after ? 'added' : 'removed', moved: false, text, structured };
  }
  const renamed = before.title !== after.title;
  const moved = movedIds.has(id);
  const blocksChanged = canonicalJson(before.blocks) !== canonicalJson(after.blocks);
  if (!renamed && !textChanged && structured.length === 0 && !blocksChanged && !moved) return null;
  return {
    sectionId: id,
    title: after.title,
    change: 'changed',
    ...(renamed ? { titleBefore: before.title } : {}),
    moved,
    text,
    structured,
  };
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n > 1 ? many : one}`;
}

/**
 * What changed between two contents, section by section (in the order of the later text, then
 * the removed sections).
 */
export function diffContents(before: DocumentContent, after: DocumentContent): ContentDiff {
  const a = new Map(before.sections.map((s) => [s.id, s]));
  const b = new Map(after.sections.map((s) => [s.id, s]));
  const items = { before: structuredItems(before), after: structuredItems(after) };
  const movedIds = movedSections(before.sections, after.sections);
  const sections: SectionDiff[] = [];
  for (const s of after.sections) {
    const d = sectionDiff(a.get(s.id), s, items, movedIds);
    if (d) sections.push(d);
  }
  for (const s of before.sections) {
    if (b.has(s.id)) continue;
    const d = sectionDiff(s, undefined, items, movedIds);
    if (d) sections.push(d);
  }
  const title = before.title !== after.title ? { before: before.title, after: after.title } : null;
  return { title, sections, summary: summarize(sections, title) };
}

/**
 * Sections that changed parent, or changed rank among the siblings both versions share: a
 * section pushed down by an insertion before it has not moved.
 */
function movedSections(before: SectionContent[], after: SectionContent[]): Set<string> {
  const moved = new Set<string>();
  const inBoth = new Set(before.map((s) => s.id).filter((id) => after.some((s) => s.id === id)));
  const siblings = (list: SectionContent[]) => {
    const byParent = new Map<string | null, string[]>();
    for (const s of list) {
      if (!inBoth.has(s.id)) continue;
      byParent.set(s.parentId, [...(byParent.get(s.parentId) ?? []), s.id]);
    }
    return byParent;
  };
  const parentBefore = new Map(before.map((s) => [s.id, s.parentId]));
  const a = siblings(before);
  for (const [parent, ids] of siblings(after)) {
    const old = a.get(parent) ?? [];
    ids.forEach((id, rank) => {
      if (parentBefore.get(id) !== parent || old.indexOf(id) !== rank) moved.add(id);
    });
  }
  return moved;
}

function summarize(sections: SectionDiff[], title: ContentDiff['title']): string {
  if (sections.length === 0 && !title) return 'Aucune modification du texte.';
  const count = (c: Change) => sections.filter((s) => s.change === c).length;
  const parts = [
    count('changed') ? plural(count('changed'), 'section modifiée', 'sections modifiées') : '',
    count('added') ? plural(count('added'), 'section ajoutée', 'sections ajoutées') : '',
    count('removed') ? plural(count('removed'), 'section supprimée', 'sections supprimées') : '',
    title ? 'titre du document modifié' : '',
  ].filter(Boolean);
  const names = sections.map((s) => `« ${s.title} »`).join(', ');
  return `${parts.join(', ')}${names ? ` : ${names}` : ''}.`.replace(/^./, (c) => c.toUpperCase());
}
