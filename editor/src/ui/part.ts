/**
 * A part of a page: an element with a lifecycle (a panel that loads, listens or holds a socket).
 * `create*` functions return one; the page that shows it calls `destroy` when it goes. A part
 * that takes new data without being rebuilt adds `update` (e.g. `Part & { update(x: X): void }`).
 * A function that only builds markup returns the element itself: it has nothing to end.
 */
export interface Part<E extends HTMLElement = HTMLElement> {
  readonly element: E;
  destroy?(): void;
}
