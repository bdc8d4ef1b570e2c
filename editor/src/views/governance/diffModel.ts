/** Pure helpers of the diff view. */

export type { LineOp } from '../../../../schemas/api/versionDiff';
import type { LineOp } from '../../../../schemas/api/versionDiff';

export type DiffChunk = { kind: 'line'; line: LineOp } | { kind: 'gap'; count: number };

/**
 * Keeps changed lines and `context` unchanged lines around each change; longer runs of unchanged
 * lines become one gap ("N lignes identiques").
 */
export function collapseUnchanged(lines: LineOp[], context = 1): DiffChunk[] {
  const keep = lines.map(() => false);
  lines.forEach((l, i) => {
    if (l.op === 'equal') return;
    for (let j = Math.max(0, i - context); j <= Math.min(lines.length - 1, i + context); j++) keep[j] = true;
  });
  const out: DiffChunk[] = [];
  let gap = 0;
  lines.forEach((line, i) => {
    if (keep[i]) {
      if (gap) out.push({ kind: 'gap', count: gap });
      gap = 0;
      out.push({ kind: 'line', line });
    } else gap++;
  });
  if (gap) out.push({ kind: 'gap', count: gap });
  return out;
}

export const changeLabel = { added: 'ajoutée', removed: 'supprimée', changed: 'modifiée' } as const;
