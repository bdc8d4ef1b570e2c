import { parseImageSrc } from '../../../schemas/imageSource';
import type { ExportImages } from '../exportImages';
import type { RichNode } from './types';

/** What an image node carries in the model: its bytes (base64) and size, ready for both renderers. */
export interface EmbeddedImage {
  alt: string;
  contentType: string;
  width: number;
  height: number;
  base64: string;
}

export const embeddedImage = (node: RichNode): EmbeddedImage | null =>
  node.type === 'image' && typeof node.attrs?.base64 === 'string' ? (node.attrs as unknown as EmbeddedImage) : null;

/**
 * Image nodes of a section's text with their bytes embedded: the renderers never fetch anything.
 * An image the project does not have (a document older than the update guard's image rule) is
 * named in the text rather than left out silently.
 */
export function embedImages(node: RichNode, images: ExportImages): RichNode {
  if (node.type === 'image') {
    const named = parseImageSrc(node.attrs?.src);
    const image = named ? images[named.sha256] : undefined;
    const alt = typeof node.attrs?.alt === 'string' ? node.attrs.alt : '';
    if (!image) return { type: 'paragraph', content: [{ type: 'text', text: `[Image non disponible${alt ? ` : ${alt}` : ''}]` }] };
    const embedded: EmbeddedImage = {
      alt,
      contentType: image.contentType,
      width: image.width,
      height: image.height,
      base64: Buffer.from(image.data).toString('base64'),
    };
    return { type: 'image', attrs: { ...embedded } };
  }
  return node.content ? { ...node, content: node.content.map((child) => embedImages(child, images)) } : node;
}
