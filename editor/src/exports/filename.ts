/**
 * The file name of a download from its Content-Disposition header (RFC 6266): the UTF-8
 * `filename*` when present, else `filename`; path separators and control characters removed.
 * Pure, for unit tests.
 */
export function filenameFromDisposition(header: string | null | undefined, fallback: string): string {
  if (!header) return fallback;
  let name: string | null = null;
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (extended) {
    try {
      name = decodeURIComponent(extended[2]!.trim().replace(/^"|"$/g, ''));
    } catch {
      name = null;
    }
  }
  if (!name) {
    const quoted = /filename\s*=\s*"((?:\\.|[^"\\])*)"/i.exec(header);
    const bare = /filename\s*=\s*([^;"\s]+)/i.exec(header);
    name = quoted ? quoted[1]!.replace(/\\(.)/g, '$1') : bare ? bare[1]! : null;
  }
  const clean = (name ?? '')
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .replace(/[\\/]/g, '_')
    .trim();
  return clean && clean !== '.' && clean !== '..' ? clean : fallback;
}

/** "0:07" style elapsed time, in words for screen readers: "7 secondes", "1 minute 5 secondes". */
export function elapsedText(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const min = Math.floor(s / 60);
  const sec = s % 60;
  const secText = `${sec} seconde${sec > 1 ? 's' : ''}`;
  if (min === 0) return secText;
  return `${min} minute${min > 1 ? 's' : ''}${sec ? ` ${secText}` : ''}`;
}
