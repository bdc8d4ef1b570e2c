import * as Y from 'yjs';
import { fragmentName, sectionIdOfFragment } from '../../schemas/docLayout';
import { suggestionMarkNames, type SuggestionKind } from '../../schemas/suggestionMarkData';
import { walkFragment } from '../../schemas/textRuns';
import type { UpdateScope } from '../yjs/updateScope';
import type { ZoneViolation } from './zoneViolation';

/** The roots a reviewer's update may touch besides section texts (comments, docs/YJS.md). */
export type ReviewerRoots = ReadonlySet<string>;

const suggestionKeys = new Set<string>(Object.values(suggestionMarkNames));
const suggestionKinds: SuggestionKind[] = ['insert', 'delete'];

/**
 * What a reviewer may not change in a section, and what they may: the text as it stands without
 * the pending insertions (`base`, formatting and structure included; text proposed for deletion
 * is still in it), and the pending suggestions (`runs`, each with its author).
 */
interface ReviewView {
  base: string;
  runs: Map<string, number>;
}

function reviewView(doc: Y.Doc, sectionId: string): ReviewView {
  const base: unknown[] = [];
  const runs = new Map<string, number>();
  // The run base text goes on (reset at each element boundary).
  const tail: { last: { text: string; attrs: string } | null } = { last: null };
  // Adjacent runs of one suggestion count as one, whatever other formatting splits them.
  const open: Record<SuggestionKind, { attrs: string; text: string } | null> = { insert: null, delete: null };
  const close = (kind: SuggestionKind) => {
    const run = open[kind];
    if (!run) return;
    const key = JSON.stringify([kind, run.attrs, run.text]);
    runs.set(key, (runs.get(key) ?? 0) + 1);
    open[kind] = null;
  };
  for (const event of walkFragment(doc.getXmlFragment(fragmentName(sectionId)))) {
    if (event.kind !== 'run') {
      close('insert');
      close('delete');
      tail.last = null;
      base.push(event.kind === 'open' ? ['<', event.element.nodeName, event.element.getAttributes()] : ['>']);
      continue;
    }
    const { run } = event;
    for (const kind of suggestionKinds) {
      const mark = run.attributes[suggestionMarkNames[kind]];
      if (mark === undefined || mark === null) {
        close(kind);
        continue;
      }
      const attrs = JSON.stringify(mark);
      const current = open[kind];
      if (current?.attrs === attrs) current.text += run.insert;
      else {
        close(kind);
        open[kind] = { attrs, text: run.insert };
      }
    }
    if (open.insert) continue;
    const formatting = Object.entries(run.attributes)
      .filter(([key]) => !suggestionKeys.has(key))
      .sort(([a], [b]) => a.localeCompare(b));
    const attrs = JSON.stringify(formatting);
    if (tail.last?.attrs === attrs) tail.last.text += run.insert;
    else {
      tail.last = { text: run.insert, attrs };
      base.push(tail.last);
    }
  }
  close('insert');
  close('delete');
  const text = JSON.stringify(base);
  return { base: text === emptyParagraph ? '[]' : text, runs };
}

/**
 * An empty section's text is an empty fragment, which the editor shows as one empty paragraph:
 * a reviewer's first suggestion there writes that paragraph, which changes nothing of the text.
 */
const emptyParagraph = JSON.stringify([['<', 'paragraph', {}], ['>']]);

/** The authors of the suggestions that differ between two views (added, changed or removed). */
function authorsOfChangedRuns(before: ReviewView, after: ReviewView): Set<string> {
  const authors = new Set<string>();
  for (const key of new Set([...before.runs.keys(), ...after.runs.keys()])) {
    if ((before.runs.get(key) ?? 0) === (after.runs.get(key) ?? 0)) continue;
    const [, attrs] = JSON.parse(key) as [string, string];
    const parsed: unknown = JSON.parse(attrs);
    const authorId = typeof parsed === 'object' && parsed !== null && 'authorId' in parsed ? (parsed as { authorId: unknown }).authorId : null;
    authors.add(typeof authorId === 'string' ? authorId : '');
  }
  return authors;
}

const forbidden = (detail: string): ZoneViolation => ({ refusal: 'forbidden', detail });

/**
 * A reviewer (relecteur) comments and suggests, never edits (issue 21): their update may touch
 * only section texts and the `allowed` roots, and in a section it may change nothing but their
 * own suggestions. Where a typed character lands (inside a suggestion mark or just outside it)
 * depends on how Yjs integrates it against concurrent items, so the only sure answer is to apply
 * the update to a copy of the document (with the updates staged before it) and compare each
 * section it touches, before and after.
 */
export function reviewerViolation(
  doc: Y.Doc,
  scope: UpdateScope,
  update: Uint8Array,
  staged: readonly Uint8Array[],
  userId: string,
  allowed: ReviewerRoots,
): ZoneViolation | null {
  const sections = new Set<string>();
  for (const { location } of scope.changes) {
    const sectionId = sectionIdOfFragment(location.root);
    if (sectionId !== null) sections.add(sectionId);
    else if (!allowed.has(location.root)) return forbidden(`a reviewer writes ${location.root}`);
  }
  if (sections.size === 0) return null;
  const copy = new Y.Doc();
  try {
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    for (const earlier of staged) Y.applyUpdate(copy, earlier);
    const before = new Map([...sections].map((id) => [id, reviewView(copy, id)]));
    Y.applyUpdate(copy, update);
    if (copy.store.pendingStructs !== null || copy.store.pendingDs !== null) return { refusal: 'unresolved', detail: 'update depends on unknown changes' };
    for (const sectionId of sections) {
      const after = reviewView(copy, sectionId);
      const was = before.get(sectionId)!;
      if (after.base !== was.base) return forbidden(`a reviewer changed the text of ${sectionId} outside suggestions`);
      const others = [...authorsOfChangedRuns(was, after)].filter((author) => author !== userId);
      if (others.length > 0) return forbidden(`a reviewer changed suggestions of others in ${sectionId}`);
    }
    return null;
  } finally {
    copy.destroy();
  }
}
