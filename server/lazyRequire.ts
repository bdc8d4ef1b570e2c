import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * A CommonJS package loaded on first use rather than at start-up: a server nobody signs up to,
 * exports from or mails from keeps out of its memory what only those paths need (the password
 * dictionaries alone are 12 MiB of RSS). Synchronous, so callers stay as they are; bundled, the
 * package is resolved from build/ like the static imports are.
 */
export function lazyRequire<T>(id: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(id) as T);
}
