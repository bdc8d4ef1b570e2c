/** Top-level message types of the y-websocket protocol (as in y-websocket's client). */
export const MessageType = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
} as const;
