import type { JSONContent } from '@tiptap/core';

import type { LineOp } from '../../schemas/api/versionDiff';
export type { LineOp };

/** Beyond this many line pairs a section is shown as wholly replaced (keeps the LCS cheap). */
const maxCells = 4_000_000;

/** Line diff (longest common subsequence): what a reader needs to see what changed. */
export function diffLines(before: string[], after: string[]): LineOp[] {
  const n = before.length;
  const m = after.length;
  if (n * m > maxCells) {
    return [...before.map((text) => ({ op: 'removed' as const, text })), ...after.map((text) => ({ op: 'added' as const, text }))];
  }
  // lcs[i][j] = length of the LCS of before[i:] and after[j:]
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = before[i] === after[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const ops: LineOp[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (before[i] === after[j]) {
      ops.push({ op: 'equal', text: before[i]! });
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) ops.push({ op: 'removed', text: before[i++]! });
    else ops.push({ op: 'added', text: after[j++]! });
  }
  while (i < n) ops.push({ op: 'removed', text: before[i++]! });
  while (j < m) ops.push({ op: 'added', text: after[j++]! });
  return ops;
}

function inlineText(node: JSONContent): string {
  if (typeof node.text === 'string') return node.text;
  if (node.type === 'hardBreak') return ' ';
  return (node.content ?? []).map(inlineText).join('');
}

/** The readable lines of a section's rich text: one per paragraph or heading, one per table row. */
export function textLines(doc: JSONContent): string[] {
  const lines: string[] = [];
  const walk = (node: JSONContent, prefix: string): void => {
    switch (node.type) {
      case 'paragraph':
      case 'heading':
      case 'codeBlock': {
        const text = inlineText(node).trim();
        if (text) lines.push(prefix + text);
        return;
      }
      case 'tableRow':
        lines.push((node.content ?? []).map((cell) => inlineText(cell).trim()).join(' | '));
        return;
      case 'listItem':
        (node.content ?? []).forEach((child, index) => walk(child, index === 0 ? `${prefix}– ` : prefix));
        return;
      default:
        for (const child of node.content ?? []) walk(child, prefix);
    }
  };
  walk(doc, '');
  return lines;
}
