import type * as Y from 'yjs';
import { fragmentName, sectionEntries } from './docLayout';
import { SuggestionAttrs, suggestionMarkNames, type SuggestionKind } from './suggestionMarkData';
import { walkFragment, type TextRun } from './textRuns';

/** A pending suggestion as listed (GET /api/projects/:id/suggestions, the side panel). */
export interface Suggestion {
  id: string;
  kind: SuggestionKind;
  sectionId: string;
  authorId: string;
  authorName: string;
  at: string;
  /** The text inserted, or the text proposed for deletion. */
  text: string;
}

/** A suggestion's mark on a run, when it carries a valid one of that kind. */
export function suggestionOf(run: TextRun, kind: SuggestionKind): SuggestionAttrs | null {
  const parsed = SuggestionAttrs.safeParse(run.attributes[suggestionMarkNames[kind]]);
  return parsed.success ? parsed.data : null;
}

/** The runs of a section's text, with the suggestion each carries (runs of one suggestion may be several). */
export function* suggestionRuns(doc: Y.Doc, sectionId: string): Generator<{ run: TextRun; kind: SuggestionKind; attrs: SuggestionAttrs }> {
  for (const event of walkFragment(doc.getXmlFragment(fragmentName(sectionId)))) {
    if (event.kind !== 'run') continue;
    for (const kind of ['insert', 'delete'] as const) {
      const attrs = suggestionOf(event.run, kind);
      if (attrs) yield { run: event.run, kind, attrs };
    }
  }
}

/** The pending suggestions of the given sections (all by default), in document order, one entry per suggestion. */
export function listSuggestions(doc: Y.Doc, sectionIds: Iterable<string> = sectionEntries(doc).keys()): Suggestion[] {
  const out: Suggestion[] = [];
  for (const sectionId of sectionIds) {
    const byKey = new Map<string, Suggestion>();
    for (const { run, kind, attrs } of suggestionRuns(doc, sectionId)) {
      const key = `${kind}:${attrs.id}`;
      const known = byKey.get(key);
      if (known) known.text += run.insert;
      else {
        const suggestion: Suggestion = {
          id: attrs.id,
          kind,
          sectionId,
          authorId: attrs.authorId,
          authorName: attrs.authorName,
          at: attrs.at,
          text: run.insert,
        };
        byKey.set(key, suggestion);
        out.push(suggestion);
      }
    }
  }
  return out;
}

/** A chapter that still has suggestions to decide: completeness and freezing warn, never block. */
export interface PendingSuggestionWarning {
  sectionId: string;
  problem: 'pending_suggestions';
  count: number;
  message: string;
}

export function pendingSuggestionWarnings(doc: Y.Doc): PendingSuggestionWarning[] {
  const counts = new Map<string, number>();
  for (const s of listSuggestions(doc)) counts.set(s.sectionId, (counts.get(s.sectionId) ?? 0) + 1);
  return [...counts].map(([sectionId, count]) => {
    const title = String(sectionEntries(doc).get(sectionId)?.get('title') ?? sectionId);
    return { sectionId, problem: 'pending_suggestions', count, message: `« ${title} » : ${count} suggestion${count > 1 ? 's' : ''} en attente de décision.` };
  });
}
