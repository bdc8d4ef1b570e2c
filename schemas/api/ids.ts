import { z } from 'zod';

/** Ids in paths and bodies: UUIDs, template slugs and record ids. */
export const Id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9-]+$/, 'identifiant invalide');
