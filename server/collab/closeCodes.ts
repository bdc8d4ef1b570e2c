/**
 * WebSocket close codes of the collaboration endpoint. 4xxx mirror the HTTP status a REST
 * client would get, so a client can tell "log in again" from "ask for access" from "bug".
 */
export const CloseCode = {
  normal: 1000,
  goingAway: 1001,
  /** Sent by `ws` itself when a frame exceeds `maxPayload`. */
  messageTooBig: 1009,
  internalError: 1011,
  malformedMessage: 4400,
  unauthorized: 4401,
  forbidden: 4403,
  notFound: 4404,
  idleTimeout: 4408,
  documentTooLarge: 4413,
  /** The update touches a section a coordinator has locked. */
  sectionLocked: 4423,
  tooManyConnections: 4429,
  storeUnavailable: 4503,
} as const;

export type CloseCodeName = keyof typeof CloseCode;

/** Close reasons are short English identifiers (the UI translates codes, not reasons). */
export const closeReason: Record<CloseCodeName, string> = {
  normal: 'normal',
  goingAway: 'server shutting down',
  messageTooBig: 'message too big',
  internalError: 'internal error',
  malformedMessage: 'malformed message',
  unauthorized: 'unauthorized',
  forbidden: 'forbidden',
  notFound: 'unknown project',
  idleTimeout: 'idle timeout',
  documentTooLarge: 'document too large',
  sectionLocked: 'section locked',
  tooManyConnections: 'too many connections',
  storeUnavailable: 'storage unavailable',
};
