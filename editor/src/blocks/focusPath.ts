import { parentPath } from './paths';

const controls = 'input:not([type="hidden"]), textarea, select, button, [contenteditable="true"]';

const usable = (el: HTMLElement): boolean => !(el as HTMLInputElement).disabled && !el.hidden && el.closest('[hidden]') === null;

const blank = (el: HTMLElement): boolean =>
  (el instanceof HTMLInputElement && el.type !== 'checkbox' && el.type !== 'radio') || el instanceof HTMLTextAreaElement
    ? (el as HTMLInputElement).value.trim() === ''
    : false;

/**
 * The element to focus for a completeness path: among the controls carrying that `data-path`,
 * the first left blank (the item says something is missing), else the first one; a container
 * gives its first usable control, or itself when it takes focus. A path with nothing on screen falls back to its
 * parent's (a record, then its block, then the section).
 */
export function focusTarget(root: ParentNode, path: string): HTMLElement | null {
  for (let p: string | null = path; p; p = parentPath(p)) {
    const matches = [...root.querySelectorAll<HTMLElement>(`[data-path="${CSS.escape(p)}"]`)].filter(usable);
    if (matches.length === 0) continue;
    const asControls = matches.filter((el) => el.matches(controls));
    if (asControls.length > 0) return asControls.find(blank) ?? asControls[0]!;
    const container = matches[0]!;
    const inner = [...container.querySelectorAll<HTMLElement>(controls)].filter(usable);
    const found = inner.find(blank) ?? inner[0] ?? (container.hasAttribute('tabindex') ? container : null);
    if (found) return found;
  }
  return null;
}

/** Focuses (and scrolls to) the element of a path; false when nothing matches. */
export function focusPath(root: ParentNode, path: string): boolean {
  const target = focusTarget(root, path);
  if (!target) return false;
  target.focus();
  target.scrollIntoView?.({ block: 'center' });
  return true;
}
