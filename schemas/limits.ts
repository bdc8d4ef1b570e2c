/**
 * Every size limit of the product, in one place: zod `.max()`, the WebSocket `maxPayload`,
 * the JSON body parser and the collaboration server all read from here.
 */
export const limits = {
  /** Largest WebSocket message accepted (bytes); bigger closes the connection with 1009. */
  wsMaxMessageBytes: 2 * 1024 * 1024,
  /** Largest encoded Yjs document (bytes); an update that would exceed it is refused. */
  maxDocumentBytes: 32 * 1024 * 1024,
  /** Simultaneous collaboration connections per user (tabs, devices). */
  maxConnectionsPerUser: 12,
  /** JSON request bodies. */
  jsonBodyBytes: 256 * 1024,
  emailLength: 254,
  nameLength: 120,
  titleLength: 300,
  /** What the search box accepts (GET /api/search). */
  searchQueryLength: 100,
  passwordMinLength: 10,
  passwordMaxLength: 200,
  /** Free text of governance records (réserves, notes, justification of an override, places). */
  governanceTextLength: 20_000,
  /** A document attached to a séance (convocation, PV as PDF). */
  seanceDocumentBytes: 20 * 1024 * 1024,
  /** One presence (awareness) state of a connection, as JSON; a bigger one is dropped. */
  presenceStateBytes: 4 * 1024,
  /** Presence messages a connection may send per second; past it, only the latest is kept for the next second. */
  presenceMessagesPerSecond: 30,
  /** One image of a project's text (pasted, dropped, inserted, or from an imported DOCX). */
  imageBytes: 5 * 1024 * 1024,
  /** Agenda items of one séance. */
  agendaItems: 50,
} as const;
