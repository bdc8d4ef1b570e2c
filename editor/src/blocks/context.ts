import type * as Y from 'yjs';

/** What every structured block of a section needs. */
export interface BlockContext {
  doc: Y.Doc;
  sectionId: string;
  /** False for readers and, for non-coordinators, in a locked section: controls are read-only. */
  editable: boolean;
  /** Tells screen-reader users about a change they did not make (aria-live). */
  announce(message: string): void;
  /** Asks before removing something (window.confirm in the browser). */
  confirm(message: string): boolean;
}
