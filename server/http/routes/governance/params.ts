import { z } from 'zod';
import { Id } from '../../../../schemas/api/ids';
export { Id };

/** Path and query parameters shared by the governance routes. */
export const ProjectParams = z.object({ id: Id });
export const SeanceParams = z.object({ id: Id });
