import { z } from 'zod';
import { fieldErrors, HttpError } from '../errors';

z.config(z.locales.fr());

/** Parses a request part with its zod schema; a mismatch is a 400 naming every field at fault. */
export function parse<S extends z.ZodType>(schema: S, value: unknown, what = 'corps'): z.infer<S> {
  const result = schema.safeParse(value ?? {});
  if (!result.success) {
    throw new HttpError(400, 'validation_failed', `Données invalides (${what}).`, fieldErrors(result.error));
  }
  return result.data;
}
