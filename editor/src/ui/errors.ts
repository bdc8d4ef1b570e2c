import { ApiError } from '../api';

/** What the user reads when a failure carries no message of the server's (a bug, a lost promise). */
export const unexpectedError = 'Erreur inattendue. Réessayez.';

/** The server's French message for a failed request, else the one fallback. */
export function errorMessage(error: unknown): string {
  return error instanceof ApiError ? error.message : unexpectedError;
}

/**
 * The message followed by each field at fault, for the forms that send several fields;
 * `withPath` names the field ("name : requis") where the form's labels don't say it.
 */
export function errorWithFields(error: unknown, opts: { withPath?: boolean } = {}): string {
  if (!(error instanceof ApiError)) return unexpectedError;
  return [error.message, ...error.fields.map((f) => (opts.withPath ? `${f.path} : ${f.message}` : f.message))].join(' ');
}

/** True for a 401: the API client has already called the unauthorized handler (back to the login page). */
export function isSessionExpired(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}
