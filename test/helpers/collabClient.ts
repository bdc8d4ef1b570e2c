import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';

export interface Client {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Close codes received, in order. */
  closes: number[];
  destroy(): void;
}

/** A `ws` WebSocket class that sends the given cookie, as a browser would. */
function withCookie(cookie: string): typeof WebSocket {
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie } });
    }
  } as typeof WebSocket;
}

/** A real y-websocket client (the provider browsers use), authenticated by token or cookie. */
export function connectClient(baseUrl: string, projectId: string, auth: { token: string } | { cookie: string }, options: { reconnect?: boolean } = {}): Client {
  const doc = new Y.Doc();
  const closes: number[] = [];
  const provider = new WebsocketProvider(`${baseUrl.replace(/^http/, 'ws')}/collab`, projectId, doc, {
    WebSocketPolyfill: ('cookie' in auth ? withCookie(auth.cookie) : WebSocket) as never,
    params: 'token' in auth ? { token: auth.token } : {},
    disableBc: true,
    maxBackoffTime: 200,
    shouldReconnect: () => options.reconnect ?? true,
  });
  provider.on('connection-close', (event) => {
    if (event) closes.push(event.code);
  });
  return {
    doc,
    provider,
    closes,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

export async function waitFor(predicate: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export const synced = (client: Client) => waitFor(() => client.provider.synced, 10_000, 'sync');
