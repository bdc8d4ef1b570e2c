import { z } from 'zod';

/** Path and query parameters shared by the governance routes. */
export const Id = z.string().min(1).max(64).regex(/^[A-Za-z0-9-]+$/, 'identifiant invalide');
export const ProjectParams = z.object({ id: Id });
export const SeanceParams = z.object({ id: Id });
