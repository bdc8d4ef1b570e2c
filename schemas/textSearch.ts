/**
 * Accent- and case-insensitive matching for the find bar and the search across projects:
 * « hopital » finds « Hôpital », « coeur » finds « cœur », an apostrophe finds ’. Matches are
 * given in offsets of the original text, so the caller can highlight or select them.
 */

const ligatures: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss', '’': "'", ʼ: "'", '\u00a0': ' ', '\u202f': ' ' };

const folds = new Map<string, string>();

function foldChar(char: string): string {
  const code = char.charCodeAt(0);
  // ASCII (most of a French text): lower case only, no table.
  if (code < 128) return code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : char;
  let folded = folds.get(char);
  if (folded === undefined) {
    const lower = char.toLowerCase();
    folded = ligatures[lower] ?? lower.normalize('NFD').replace(/\p{M}/gu, '');
    if (folds.size < 10_000) folds.set(char, folded);
  }
  return folded;
}

/** The folded text, and for each of its characters the offset in the original it came from. */
export function foldWithOffsets(text: string): { folded: string; offsets: number[] } {
  let folded = '';
  const offsets: number[] = [];
  let index = 0;
  for (const char of text) {
    const f = foldChar(char);
    for (let i = 0; i < f.length; i += 1) offsets.push(index);
    folded += f;
    index += char.length;
  }
  offsets.push(index);
  return { folded, offsets };
}

/** The folded form of a text (what is compared). */
export function foldText(text: string): string {
  let folded = '';
  for (const char of text) folded += foldChar(char);
  return folded;
}

export interface TextMatch {
  start: number;
  end: number;
}

/**
 * Where `query` occurs in `text` (folded comparison), left to right, not overlapping.
 * `foldedText`: the text's folded form when the caller keeps it (a text without the words is
 * then skipped without folding it again).
 */
export function findMatches(text: string, query: string, foldedText?: string): TextMatch[] {
  const needle = foldText(query.trim());
  if (needle === '' || text === '') return [];
  if (foldedText !== undefined && !foldedText.includes(needle)) return [];
  const { folded, offsets } = foldWithOffsets(text);
  const out: TextMatch[] = [];
  for (let at = folded.indexOf(needle); at >= 0; at = folded.indexOf(needle, at + needle.length)) {
    // A match ending inside a ligature (« œ » for « o ») still covers the whole letter.
    const end = offsets[at + needle.length]!;
    out.push({ start: offsets[at]!, end: end > offsets[at]! ? end : offsets[at]! + 1 });
  }
  return out;
}

export interface Snippet {
  /** The words around the match, « … » where cut. */
  text: string;
  /** Where the match is in `text`. */
  start: number;
  end: number;
}

/** About `context` characters either side of a match, cut at spaces, on one line. */
export function snippetAround(text: string, match: TextMatch, context = 60): Snippet {
  let from = Math.max(0, match.start - context);
  let to = Math.min(text.length, match.end + context);
  if (from > 0) {
    const space = text.indexOf(' ', from);
    if (space >= 0 && space < match.start) from = space + 1;
  }
  if (to < text.length) {
    const space = text.lastIndexOf(' ', to);
    if (space > match.end) to = space;
  }
  const prefix = from > 0 ? '… ' : '';
  const body = text.slice(from, to).replace(/\s/g, ' ');
  return { text: `${prefix}${body}${to < text.length ? ' …' : ''}`, start: prefix.length + match.start - from, end: prefix.length + match.end - from };
}
