import type { z } from 'zod';
import type { FieldError } from '../schemas/api/errors';

export type { FieldError } from '../schemas/api/errors';

/**
 * What went wrong, as the domain sees it. The edges translate: `http/errors.ts` maps a kind to an
 * HTTP status, `collab/closeCodes.ts` to a WebSocket close code; commands, governance, export
 * and background jobs throw the same errors whoever called them.
 */
export type ErrorKind =
  /** The input breaks a rule of its shape or of the domain (fields say which). */
  | 'invalid'
  /** Nobody is signed in, or the credentials are wrong. */
  | 'unauthenticated'
  /** Signed in, but not allowed. */
  | 'forbidden'
  | 'not_found'
  /** The request contradicts the current state (already done, last of its kind, archived…). */
  | 'conflict'
  | 'too_large'
  /** A kind of content the server does not take (a file format). */
  | 'unsupported'
  /** Too many at once or in a period (attempts, quota, an export already running). */
  | 'too_many'
  /** A part the server needs is down or busy (PDF engine, export line); retrying may work. */
  | 'unavailable';

/** A failure the user can be told about: a stable code for programs, a French message for people. */
export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly fields?: FieldError[],
    /** Extra members of the error object, e.g. `rules` for a governance rule violation. */
    readonly details?: Record<string, unknown>,
    /** When trying again makes sense (sent as Retry-After over HTTP). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/** The issues of a failed zod parse, as the fields at fault. */
export const fieldErrors = (error: z.ZodError): FieldError[] =>
  error.issues.map((issue) => ({ path: issue.path.map(String).join('.') || '(corps)', message: issue.message }));
