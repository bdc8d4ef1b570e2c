import * as Y from 'yjs';
import { metaMapName, sectionEntry, sectionIdOfFragment, sectionsMapName } from '../../schemas/docLayout';
import { commentsMapName } from '../../schemas/comments';
import { structuredRoots } from '../../schemas/structured';
import type { Change, UpdateScope } from '../yjs/updateScope';
import { commentViolation } from './commentZone';
import { imageViolation } from './imageNodes';
import { richTextNodeNames } from './richTextNodes';
import { recordTextGrowth } from './sharedTextEdits';
import { liveWrites, structuredViolation, type ZoneContext } from './structuredRecords';
import type { WriterRights, ZoneViolation } from './zoneViolation';

const structuredRootNames = new Set<string>(Object.values(structuredRoots));

/** A change to a section's rich text: the section must exist, be open to the writer, and hold known nodes. */
function fragmentViolation(ctx: ZoneContext, sectionId: string, change: Change): ZoneViolation | null {
  const section = sectionEntry(ctx.doc, sectionId);
  if (!section) return { refusal: 'invalid', detail: `text of unknown section ${sectionId}` };
  if (section.get('locked') === true && !ctx.rights.canEditLocked) return { refusal: 'locked', detail: `section ${sectionId} is locked` };
  if (change.kind === 'insert' && change.item.content instanceof Y.ContentType) {
    const type = change.item.content.type;
    if (type instanceof Y.XmlElement) {
      if (!richTextNodeNames().has(type.nodeName)) return { refusal: 'invalid', detail: `unknown node ${type.nodeName}` };
    } else if (!(type instanceof Y.XmlText)) {
      return { refusal: 'invalid', detail: 'non-XML type in a section text' };
    }
  }
  if (change.kind === 'insert' && change.item.content instanceof Y.ContentDoc) return { refusal: 'invalid', detail: 'subdocument' };
  return imageViolation(ctx, change);
}

/**
 * The update guard of the collaboration endpoint: every change of a client's update, located
 * without applying it (yjs/updateScope.ts), checked against the owner of its zone. Records
 * are checked on the values the update writes, so a record is valid after the change.
 */
export function zoneViolation(doc: Y.Doc, scope: UpdateScope, rights: WriterRights): ZoneViolation | null {
  if (scope.unresolved) return { refusal: 'unresolved', detail: 'update depends on unknown changes' };
  const ctx: ZoneContext = {
    doc,
    scope,
    rights,
    inserted: new Set(scope.changes.filter((c) => c.kind === 'insert').map((c) => c.item)),
    deleted: new Set(scope.changes.filter((c) => c.kind === 'delete').map((c) => c.item)),
    writes: liveWrites(scope),
    textChecks: new Map(),
  };
  for (const change of scope.changes) {
    const { root } = change.location;
    if (root === sectionsMapName || root === metaMapName) return { refusal: 'serverOwned', detail: `${root} is server-owned` };
    const sectionId = sectionIdOfFragment(root);
    const violation =
      sectionId !== null
        ? fragmentViolation(ctx, sectionId, change)
        : structuredRootNames.has(root)
          ? structuredViolation(ctx, change)
          : root === commentsMapName
            ? commentViolation(ctx, change)
            : { refusal: 'invalid' as const, detail: `unknown root ${root}` };
    if (violation) return violation;
  }
  recordTextGrowth(ctx);
  return null;
}
