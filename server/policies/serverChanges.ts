import * as Y from 'yjs';
import { scopeOfUpdate } from '../yjs/updateScope';
import { zoneViolation } from './documentZones';
import type { WriterRights, ZoneViolation } from './zoneViolation';

/**
 * A server-side change made for a user (an import, its undo), checked as that user's own update
 * would be: located change by change in the document as it is before it, against the owner of
 * each zone (docs/YJS.md).
 */
export function serverChangeViolation(before: Y.Doc, update: Uint8Array, rights: WriterRights): ZoneViolation | null {
  return zoneViolation(before, scopeOfUpdate(before, Y.decodeUpdate(update)), rights);
}
