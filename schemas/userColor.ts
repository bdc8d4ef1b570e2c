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
