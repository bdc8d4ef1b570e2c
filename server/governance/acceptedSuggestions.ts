import type { AcceptedSuggestion } from '../../schemas/api/acceptedSuggestions';
import type { AuditEntry } from '../store/audit';
import type { ContentDiff } from './diff';

export type { AcceptedSuggestion };

const acceptedAction = 'suggestion.accepted';
const undoneAction = 'suggestion.decisionUndone';
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const flat = (s: string): string => s.replace(/\s+/g, ' ').trim();

function suggestionsOf(entry: AuditEntry): AcceptedSuggestion[] {
  const listed = entry.details.suggestions;
  if (!Array.isArray(listed)) return [];
  return listed.flatMap((raw: unknown) => {
    const s = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
    const author = (s.author && typeof s.author === 'object' ? s.author : {}) as Record<string, unknown>;
    if (s.kind !== 'insert' && s.kind !== 'delete') return [];
    return [
      {
        id: str(s.id),
        kind: s.kind,
        sectionId: str(s.sectionId),
        text: str(s.text),
        author: { id: str(author.id), name: str(author.name) },
        suggestedAt: str(s.at),
        acceptedBy: { id: entry.actorId, name: entry.actorName },
        acceptedAt: entry.at,
      },
    ];
  });
}

/**
 * The suggestions accepted after `from` and up to `to` (ISO instants; `to` null = now), read from
 * the audit log where each decision is recorded; a decision undone by then does not count.
 */
export function acceptedBetween(entries: AuditEntry[], from: string, to: string | null): AcceptedSuggestion[] {
  const within = (at: string) => at > from && (to === null || at <= to);
  const undone = new Set(entries.filter((e) => e.action === undoneAction && within(e.at)).map((e) => e.subjectId));
  return entries.filter((e) => e.action === acceptedAction && within(e.at) && !undone.has(e.subjectId)).flatMap(suggestionsOf);
}

/**
 * Says, in a version diff, which changes came from accepted suggestions: each section lists the
 * suggestions accepted in it, and each added (removed) line names the accepted insertions
 * (deletions) whose text it contains — matched by text, as the diff is a diff of lines.
 */
export function withAcceptedSuggestions(diff: ContentDiff, accepted: AcceptedSuggestion[]) {
  return {
    ...diff,
    sections: diff.sections.map((section) => {
      const mine = accepted.filter((s) => s.sectionId === section.sectionId);
      const lines = section.text?.lines.map((line) => {
        const kind = line.op === 'added' ? 'insert' : line.op === 'removed' ? 'delete' : null;
        const ids = kind ? mine.filter((s) => s.kind === kind && flat(s.text) !== '' && flat(line.text).includes(flat(s.text))).map((s) => s.id) : [];
        return ids.length > 0 ? { ...line, acceptedSuggestionIds: ids } : line;
      });
      return { ...section, text: section.text && lines ? { ...section.text, lines } : section.text, accepted: mine };
    }),
  };
}
