/**
 * Colours given to users for avatars, carets and selections. Each one carries white text at a
 * contrast ratio of at least 4.5:1 (RGAA 3.2, checked in test/unit/editor-userColor.test.ts)
 * and is a 6-digit hex, the only format Tiptap's collaboration carets accept.
 */
export const userPalette = [
  '#1f5fa8',
  '#18753c',
  '#b34000',
  '#a94645',
  '#6e445a',
  '#716043',
  '#006a6f',
  '#7b3f9e',
  '#ce0500',
  '#a6034f',
  '#0b6b8a',
  '#9f3a8a',
  '#66673d',
  '#8d533e',
] as const;

/** FNV-1a, 32 bits: small, stable across browsers, spreads short ids well. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The colour of a user, the same on every client and every visit. */
export function colorForUser(userId: string): string {
  return userPalette[hash(userId) % userPalette.length]!;
}

/** WCAG relative luminance of a #rrggbb colour. */
export function relativeLuminance(hex: string): number {
  const channel = (i: number): number => {
    const v = parseInt(hex.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** WCAG contrast ratio between two #rrggbb colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const honorifics = new Set(['dr', 'pr', 'me', 'mme', 'm', 'mr', 'mlle']);

/** Initials for an avatar: "Dr Claire Martin" → "CM", "Julie" → "JU", "" → "?". */
export function initialsOf(name: string): string {
  const words = name
    .split(/[\s'’.-]+/)
    .filter((w) => w.length > 0 && !honorifics.has(w.toLowerCase()));
  if (words.length === 0) return '?';
  if (words.length === 1) return words[0]!.slice(0, 2).toUpperCase();
  return (words[0]!.charAt(0) + words[words.length - 1]!.charAt(0)).toUpperCase();
}
