import type { ErrorRequestHandler, RequestHandler } from 'express';
import { z } from 'zod';
import type { Logger } from '../log';

export interface FieldError {
  path: string;
  message: string;
}

/** The one error shape of the API: `{ error: { code, message, fields? } }`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: FieldError[],
    /** Extra members of the error object, e.g. `rules` for a governance rule violation. */
    readonly details?: Record<string, unknown>,
    /** Response headers that go with the error, e.g. Retry-After on a 429. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export const fieldErrors = (error: z.ZodError): FieldError[] =>
  error.issues.map((issue) => ({ path: issue.path.map(String).join('.') || '(corps)', message: issue.message }));

export const notFound: RequestHandler = (req, _res, next) =>
  next(new HttpError(404, 'not_found', `Ressource introuvable : ${req.method} ${req.path}`));

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, _req, res, _next) => {
    let error: HttpError;
    if (err instanceof HttpError) error = err;
    else if (err?.type === 'entity.parse.failed') error = new HttpError(400, 'invalid_json', 'Le corps de la requête n’est pas un JSON valide.');
    else if (err?.type === 'entity.too.large') error = new HttpError(413, 'payload_too_large', 'Le corps de la requête est trop volumineux.');
    else if (typeof err?.status === 'number' && err.status >= 400 && err.status < 500)
      error = new HttpError(err.status, 'bad_request', 'Requête invalide.');
    else {
      logger.error('unhandled error', { error: String(err), stack: err?.stack });
      error = new HttpError(500, 'internal_error', 'Erreur interne du serveur.');
    }
    if (error.headers) res.set(error.headers);
    res.status(error.status).json({
      error: {
        code: error.code,
        message: error.message,
        ...(error.fields ? { fields: error.fields } : {}),
        ...(error.details ?? {}),
      },
    });
  };
}
