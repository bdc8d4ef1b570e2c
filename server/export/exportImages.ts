import type { ImageType } from '../../schemas/imageSource';
import type { Store } from '../store';

/** The images a document shows, by SHA-256, as plain data a worker thread can receive. */
export type ExportImages = Record<string, { contentType: ImageType; width: number; height: number; data: Uint8Array }>;

/**
 * The project's images that an encoded document state refers to. An image node's src holds the
 * image's hash as text in the state (deleted content is dropped from it), so looking for each
 * hash of the project in the bytes finds the images shown without decoding the document; an
 * image found but no longer shown is only carried along. Exports are self-contained: the PDF's
 * Chromium fetches nothing, the DOCX embeds the pictures.
 */
export function exportImages(store: Pick<Store, 'images'>, projectId: string, state: Uint8Array): ExportImages {
  const bytes = Buffer.from(state.buffer, state.byteOffset, state.byteLength);
  const images: ExportImages = {};
  for (const sha256 of store.images.hashes(projectId)) {
    if (!bytes.includes(sha256, 0, 'latin1')) continue;
    const image = store.images.withData(projectId, sha256);
    if (image) images[sha256] = { contentType: image.contentType, width: image.width, height: image.height, data: new Uint8Array(image.data) };
  }
  return images;
}
