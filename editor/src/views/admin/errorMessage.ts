import { ApiError } from '../../api';

/** The server's French message for a failed request. */
export const errorMessage = (error: unknown): string => (error instanceof ApiError ? error.message : 'Erreur inattendue.');

/** The message followed by each field at fault, for the forms that send several fields. */
export const errorWithFields = (error: unknown): string =>
  error instanceof ApiError ? [error.message, ...error.fields.map((f) => `${f.path} : ${f.message}`)].join(' ') : 'Erreur inattendue.';
