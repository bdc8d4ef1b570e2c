import type { ErrorKind } from '../errors';
import type { CloseCodeName } from '../../schemas/api/closeCodes';

export { CloseCode, closeReason, type CloseCodeName } from '../../schemas/api/closeCodes';

/** The close code for a domain error thrown while admitting or serving a socket. */
export const closeCodeOfKind: Record<ErrorKind, CloseCodeName> = {
  invalid: 'invalidChange',
  unauthenticated: 'unauthorized',
  forbidden: 'forbidden',
  not_found: 'notFound',
  conflict: 'invalidChange',
  too_large: 'documentTooLarge',
  unsupported: 'malformedMessage',
  too_many: 'tooManyConnections',
  unavailable: 'storeUnavailable',
};
