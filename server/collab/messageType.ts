/** Top-level message types of the y-websocket protocol (as in y-websocket's client). */
export const MessageType = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
  /**
   * Ours, not y-websocket's: the client asks every few seconds and the server answers at once, so a
   * browser (which cannot see WebSocket pings) notices within seconds that nothing gets through.
   */
  heartbeat: 9,
} as const;
