import { createHash } from 'node:crypto';
import type { StoredImage } from '../../schemas/api/projectFiles';
import { limits } from '../../schemas/limits';
import { imageSrc, parseImageSrc } from '../../schemas/imageSource';
import { DomainError } from '../errors';
import { sniffImage } from '../images/sniffImage';
import type { ImageRecord } from '../store/images';
import type { ProjectRecord } from '../store/projects';
import type { UserRecord } from '../store/users';
import type { Deps } from '../deps';
import { findReadableProject } from './projects';
import { checkStorage } from './quotas';

const mebibytes = (bytes: number): number => bytes / 1024 / 1024;

/** Why bytes are not an image the product keeps, in French, or null when they are. */
export function imageRefusal(data: Buffer): DomainError | null {
  if (data.byteLength > limits.imageBytes) {
    return new DomainError(
      'too_large',
      'image_too_large',
      `L’image dépasse ${mebibytes(limits.imageBytes)} Mo : réduisez-la (dimensions ou compression) avant de l’insérer.`,
      [{ path: 'image', message: `au plus ${mebibytes(limits.imageBytes)} Mo` }],
    );
  }
  if (!sniffImage(data)) {
    return new DomainError('unsupported', 'image_type_refused', 'Ce fichier n’est pas une image acceptée : PNG, JPEG, GIF ou WebP seulement (SVG refusé).', [
      { path: 'image', message: 'format non reconnu' },
    ]);
  }
  return null;
}

/**
 * The project, when the user may add images to it (`image.upload`): 404 to a stranger, 403 to a
 * member who does not edit. The upload route asks it before reading the body too, so that no
 * one without the right makes the server read an image for nothing.
 */
export function projectTakingImagesFrom(deps: Deps, user: UserRecord, projectId: string): ProjectRecord {
  const project = findReadableProject(deps, user, projectId);
  if (!deps.policy.can(user, { action: 'image.upload', projectId })) {
    throw new DomainError('forbidden', 'forbidden', 'Ajouter une image demande le rôle de rédacteur ou de coordonnateur sur ce projet.');
  }
  return project;
}

/**
 * Stores an image with a project for its text, addressed by the SHA-256 of its bytes (stored
 * once per project). Its type is read from its bytes, whatever was declared; the per-image limit
 * and the project's and organisation's storage quotas apply. Those who edit the text may add
 * images (`image.upload`); a stranger learns nothing (404).
 */
export function storeImage(deps: Deps, user: UserRecord, projectId: string, data: Buffer): StoredImage {
  const project = projectTakingImagesFrom(deps, user, projectId);
  const refusal = imageRefusal(data);
  if (refusal) throw refusal;
  const sniffed = sniffImage(data)!;
  const sha256 = createHash('sha256').update(data).digest('hex');
  const known = deps.store.images.get(projectId, sha256);
  if (!known) checkStorage(deps, { projectId, organisationId: project.organisationId, newBytes: data.byteLength });
  const record: ImageRecord = { projectId, sha256, ...sniffed, size: data.byteLength };
  const created = known ? false : deps.store.images.add({ ...record, data, uploadedBy: user.id });
  return { src: imageSrc(projectId, sha256), sha256, contentType: record.contentType, width: record.width, height: record.height, size: record.size, created };
}

/**
 * Stores the images an import places in the text, all or none: the quotas are checked for their
 * sum before any is written. Returns each one's src, by the key it was given.
 */
export function storeImportedImages<K>(deps: Deps, user: UserRecord, projectId: string, images: { key: K; data: Buffer }[]): Map<K, string> {
  const project = images.length > 0 ? projectTakingImagesFrom(deps, user, projectId) : findReadableProject(deps, user, projectId);
  const hashed = images.map((image) => ({ ...image, sha256: createHash('sha256').update(image.data).digest('hex'), sniffed: sniffImage(image.data) }));
  const newBytes = [...new Map(hashed.filter((i) => !deps.store.images.get(projectId, i.sha256)).map((i) => [i.sha256, i.data.byteLength])).values()].reduce(
    (a, b) => a + b,
    0,
  );
  checkStorage(deps, { projectId, organisationId: project.organisationId, newBytes });
  const sources = new Map<K, string>();
  deps.store.transaction(() => {
    for (const image of hashed) {
      if (!image.sniffed) continue;
      deps.store.images.add({ projectId, sha256: image.sha256, ...image.sniffed, size: image.data.byteLength, data: image.data, uploadedBy: user.id });
      sources.set(image.key, imageSrc(projectId, image.sha256));
    }
  });
  return sources;
}

/** An image of the project for one of its members (404 for anyone else, and for an unknown hash). */
export function readImage(deps: Deps, user: UserRecord, projectId: string, sha256: string): ImageRecord & { data: Buffer } {
  findReadableProject(deps, user, projectId);
  const image = deps.store.images.withData(projectId, sha256);
  if (!image) throw new DomainError('not_found', 'image_not_found', 'Image introuvable dans ce projet.');
  return image;
}

/** The update guard's test of an image node's src: an image stored with this very project. */
export function projectImageCheck(store: Pick<Deps['store'], 'images'>, projectId: string): (src: string) => boolean {
  return (src) => {
    const named = parseImageSrc(src);
    return named !== null && named.projectId === projectId && store.images.get(projectId, named.sha256) !== undefined;
  };
}
