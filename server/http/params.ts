import { z } from 'zod';
import { Id } from '../../schemas/api/ids';
export { Id };

export const ProjectParams = z.object({ id: Id });
