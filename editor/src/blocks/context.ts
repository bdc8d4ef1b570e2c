import type * as Y from 'yjs';
import type { PmpItemsSource } from './pmpLinkField';
import type { ProjectPeople } from './projectPeople';

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
  /** The GHT's PMP items a fiche-action or objectif may cite (absent: no link offered). */
  pmpItems?: PmpItemsSource;
  /** The project's members, among whom a fiche-action's pilots and référent are chosen. */
  people?: ProjectPeople;
}
