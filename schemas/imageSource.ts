/**
 * How a section's text refers to an image stored with its project: the path that serves it.
 * The update guard accepts an image node only with such a src, for its own project and an image
 * that project has (server/policies/documentZones.ts).
 */
export const imageSrc = (projectId: string, sha256: string): string => `/api/projects/${projectId}/images/${sha256}`;

const srcPattern = /^\/api\/projects\/([A-Za-z0-9-]{1,64})\/images\/([0-9a-f]{64})$/;

/** The project and hash an image src names, or null for any other address (external, data:, another route). */
export function parseImageSrc(src: unknown): { projectId: string; sha256: string } | null {
  const match = typeof src === 'string' ? srcPattern.exec(src) : null;
  return match ? { projectId: match[1]!, sha256: match[2]! } : null;
}

/** The image formats the product keeps: raster only (an SVG can carry script). */
export const imageTypes = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;
export type ImageType = (typeof imageTypes)[number];
