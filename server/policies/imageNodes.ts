import * as Y from 'yjs';
import type { Change } from '../yjs/updateScope';
import type { ZoneViolation } from './zoneViolation';
import { writtenUnder, type ZoneContext } from './structuredRecords';

const isImageElement = (item: Y.Item | undefined): item is Y.Item =>
  item?.content instanceof Y.ContentType && item.content.type instanceof Y.XmlElement && item.content.type.nodeName === 'image';

/** The value an attribute item holds (attributes are map entries of the element: ContentAny). */
const attributeValue = (item: Y.Item): unknown => (item.content instanceof Y.ContentAny ? item.content.getContent().at(-1) : undefined);

/**
 * An image node in a section's text shows an image stored with this project, nothing else: no
 * external address (a tracking pixel, an intranet URL fetched by every reader's browser), no
 * data: URI, no other project's image. Checked when the node is inserted (it must come with its
 * src) and whenever its src is written again.
 */
export function imageViolation(ctx: ZoneContext, change: Change): ZoneViolation | null {
  if (change.kind !== 'insert') return null;
  const isProjectImage = ctx.rights.isProjectImage ?? (() => false);
  const accepted = (item: Y.Item): boolean => {
    const src = attributeValue(item);
    return typeof src === 'string' && isProjectImage(src);
  };
  if (isImageElement(change.item) && !(change.item.content instanceof Y.ContentDeleted) && !ctx.scope.deletedNew.has(change.item)) {
    const sources = writtenUnder(ctx, change.item, 'src');
    if (sources.length === 0) return { refusal: 'invalid', detail: 'image node without src' };
  }
  const holder = change.location.holders.at(-1);
  const key = change.location.path.at(-1);
  if (key === 'src' && isImageElement(holder) && writtenUnder(ctx, holder, 'src').includes(change.item) && !accepted(change.item)) {
    return { refusal: 'invalid', detail: `image src not an image of this project: ${String(attributeValue(change.item)).slice(0, 80)}` };
  }
  return null;
}
