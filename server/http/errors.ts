import type { ErrorRequestHandler, RequestHandler } from 'express';
import { DomainError, type ErrorKind, type FieldError } from '../errors';
import type { Logger } from '../log';
import type { ApiErrorBody } from '../../schemas/api/errors';

export { fieldErrors, type FieldError } from '../errors';

/** The HTTP status of each kind of domain error. */
export const statusOfKind: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported: 415,
  too_many: 429,
  unavailable: 503,
};

/**
 * An error only HTTP has (a body that is not JSON, a media type, a full disk refusing a request),
 * in the one error shape of the API: `{ error: { code, message, fields? } }`. The domain throws
 * DomainError (server/errors.ts).
 */
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

export const notFound: RequestHandler = (req, _res, next) => next(new HttpError(404, 'not_found', `Ressource introuvable : ${req.method} ${req.path}`));

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, _req, res, _next) => {
    let error: HttpError;
    if (err instanceof HttpError) error = err;
    else if (err instanceof DomainError) error = fromDomainError(err);
    else if (err?.type === 'entity.parse.failed') error = new HttpError(400, 'invalid_json', 'Le corps de la requête n’est pas un JSON valide.');
    else if (err?.type === 'entity.too.large') error = new HttpError(413, 'payload_too_large', 'Le corps de la requête est trop volumineux.');
    else if (typeof err?.status === 'number' && err.status >= 400 && err.status < 500) error = new HttpError(err.status, 'bad_request', 'Requête invalide.');
    else {
      logger.error('unhandled error', { error: String(err), stack: err?.stack });
      error = new HttpError(500, 'internal_error', 'Erreur interne du serveur.');
    }
    if (error.headers) res.set(error.headers);
    const body: ApiErrorBody = {
      error: {
        code: error.code,
        message: error.message,
        ...(error.fields ? { fields: error.fields } : {}),
        ...(error.details ?? {}),
      },
    };
    res.status(error.status).json(body);
  };
}

function fromDomainError(err: DomainError): HttpError {
  const headers = err.retryAfterSeconds === undefined ? undefined : { 'Retry-After': String(err.retryAfterSeconds) };
  return new HttpError(statusOfKind[err.kind], err.code, err.message, err.fields, err.details, headers);
}
