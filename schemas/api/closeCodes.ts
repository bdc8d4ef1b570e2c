/**
 * WebSocket close codes of the collaboration endpoint, shared by the server (which sends them)
 * and the editor (which translates them: editor/src/collab/closeCodes.ts). 4xxx mirror the HTTP status a REST
 * client would get, so a client can tell "log in again" from "ask for access" from "bug".
 */
export const CloseCode = {
  normal: 1000,
  goingAway: 1001,
  /** Sent by `ws` itself when a frame exceeds `maxPayload`. */
  messageTooBig: 1009,
  internalError: 1011,
  /** The user's rights on the project changed (role changed): reconnect to get the new ones. */
  rightsChanged: 4205,
  malformedMessage: 4400,
  unauthorized: 4401,
  forbidden: 4403,
  notFound: 4404,
  /** The update builds on changes the server does not have (a correct client never sends one). */
  missingDependencies: 4409,
  documentTooLarge: 4413,
  /** The update would leave an invalid document (a record that fails its schema, an unknown part). */
  invalidChange: 4422,
  /** The update touches a section a coordinator has locked. */
  sectionLocked: 4423,
  /** The update touches the outline or `meta`, which change only through the REST API. */
  serverOwned: 4424,
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
  rightsChanged: 'rights changed',
  malformedMessage: 'malformed message',
  unauthorized: 'unauthorized',
  forbidden: 'forbidden',
  notFound: 'unknown project',
  missingDependencies: 'missing dependencies',
  documentTooLarge: 'document too large',
  invalidChange: 'invalid change',
  sectionLocked: 'section locked',
  serverOwned: 'server-owned zone',
  tooManyConnections: 'too many connections',
  storeUnavailable: 'storage unavailable',
};
