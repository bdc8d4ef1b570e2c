/**
 * Where a caret at `position` in `before` belongs once a remote edit turned the text into
 * `after`: the edit is the span between the common prefix and the common suffix, so a caret
 * before it stays put, a caret after it shifts by the length difference, and a caret inside it
 * goes to its end.
 */
export function shiftCaret(before: string, after: string, position: number): number {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start += 1;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore -= 1;
    endAfter -= 1;
  }
  if (position <= start) return position;
  if (position >= endBefore) return position + (endAfter - endBefore);
  return endAfter;
}
