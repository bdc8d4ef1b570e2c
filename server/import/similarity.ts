/** Words that say nothing about which chapter a heading is. */
const stopWords = new Set([
  'le',
  'la',
  'les',
  'l',
  'de',
  'des',
  'du',
  'd',
  'et',
  'en',
  'a',
  'au',
  'aux',
  'un',
  'une',
  'par',
  'pour',
  'sur',
  'dans',
  'y',
  'compris',
  'son',
  'sa',
  'ses',
  'leur',
  'leurs',
]);

/**
 * A heading as compared: accents, case and punctuation ignored, and the numbering or prefix that
 * says where it sits (« Chapitre 3 – », « Partie II. », « 3.1 », « a) ») removed.
 */
export function normaliseHeading(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/^\s*(chapitre|partie|titre|section|annexe|axe)\s+([0-9]+|[ivxlc]+)\b\s*[-\u2013\u2014:.)]?\s*/i, '')
    .replace(/^\s*((\d+(\.\d+)*|[ivxlc]+)([.)]|\s)\s*)+[-\u2013\u2014:]?\s*(?=\p{L})/iu, '')
    .replace(/^\s*[a-h]\)\s*/, '')
    .replace(/[\u2019'`\u00b4]/g, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The number a heading gives itself (« Chapitre 3 – » → 3, « 5.2 Imagerie » → 5.2), if any. */
export function headingNumber(text: string): string | null {
  const chapter = /^\s*(?:chapitre|partie|titre|section)\s+(\d+(?:\.\d+)*)\b/i.exec(text);
  if (chapter) return chapter[1]!;
  const numbered = /^\s*(\d+(?:\.\d+)*)[.)]?\s+\S/.exec(text);
  return numbered ? numbered[1]! : null;
}

const words = (normalised: string): string[] => normalised.split(' ').filter((w) => w.length > 0 && !stopWords.has(w));

/** Character bigrams of the words, for a similarity that tolerates plurals and small edits. */
function bigrams(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const word of words(text)) {
    const padded = ` ${word} `;
    for (let i = 0; i < padded.length - 1; i++) {
      const gram = padded.slice(i, i + 2);
      out.set(gram, (out.get(gram) ?? 0) + 1);
    }
  }
  return out;
}

/** Sørensen–Dice coefficient of two normalised texts' bigrams: 1 for the same words, 0 for nothing in common. */
export function similarity(a: string, b: string): number {
  const ga = bigrams(a);
  const gb = bigrams(b);
  let total = 0;
  let shared = 0;
  for (const count of ga.values()) total += count;
  for (const [gram, count] of gb) {
    total += count;
    shared += Math.min(count, ga.get(gram) ?? 0);
  }
  return total === 0 ? 0 : (2 * shared) / total;
}

/**
 * How well one normalised text covers another's words: « Projet de biologie » against « Projet de
 * biologie médicale » is a strong match even though the whole texts differ.
 */
export function containment(short: string, long: string): number {
  const shortWords = words(short);
  if (shortWords.length === 0) return 0;
  const longWords = new Set(words(long));
  return shortWords.filter((w) => longWords.has(w)).length / shortWords.length;
}
