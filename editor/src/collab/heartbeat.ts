import type { WebsocketProvider } from 'y-websocket';

/** The server's heartbeat message type (server/collab/messageType.ts): it answers each one at once. */
export const heartbeatType = 9;
export const heartbeatEveryMs = 1000;
/** Silence after which the connection is taken for lost, though the socket still says open. */
export const silenceLimitMs = 4000;

/** True when an open connection has heard nothing for too long (a silent network loss). */
export function isSilent(provider: Pick<WebsocketProvider, 'wsconnected' | 'wsLastMessageReceived'>, now = Date.now()): boolean {
  return provider.wsconnected && now - provider.wsLastMessageReceived > silenceLimitMs;
}

/**
 * Asks the server for a sign of life every second. A browser cannot see WebSocket pings,
 * and y-websocket waits 30 s of silence before it gives up on a connection: after four silent
 * seconds the socket is closed here, so the badge and the reconnection follow the truth.
 */
export function startHeartbeat(provider: WebsocketProvider): () => void {
  // Any message refreshes provider.wsLastMessageReceived; the answer itself carries nothing.
  provider.messageHandlers[heartbeatType] = () => {};
  const beat = Uint8Array.of(heartbeatType);
  const timer = setInterval(() => {
    const ws = provider.ws;
    if (!provider.wsconnected || !ws || ws.readyState !== WebSocket.OPEN) return;
    if (isSilent(provider)) {
      ws.close();
      return;
    }
    ws.send(beat);
  }, heartbeatEveryMs);
  return () => clearInterval(timer);
}
