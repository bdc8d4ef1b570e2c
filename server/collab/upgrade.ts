import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { limits } from '../../schemas/limits';
import { DomainError } from '../errors';
import type { Logger } from '../log';
import { closeCodeOfKind } from './closeCodes';
import { closeWith, serveConnection } from './connection';
import type { CollabHooks } from './hooks';
import type { OpenSocketIndex } from './openSockets';
import type { DocumentRegistry } from './registry';

const collabPath = /^\/collab\/([A-Za-z0-9-]{1,64})\/?$/;

/**
 * Mounts the collaboration endpoint on the HTTP server. Composed in this order: route →
 * admission hook (authenticate, project exists, policy) → per-user limit → serve, each update
 * through the update-guard hook. Refusals are WebSocket closes with a named code, so clients
 * can tell them apart.
 */
export function mountCollab(
  server: Server,
  deps: { hooks: CollabHooks; registry: DocumentRegistry; sockets: OpenSocketIndex; logger: Logger; pingIntervalMs: number },
): WebSocketServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.wsMaxMessageBytes });

  const onConnection = (ws: WebSocket, socket: Duplex, req: IncomingMessage, projectId: string): void => {
    // Protocol errors (oversized or invalid frames) surface here; `ws` then closes the socket
    // with the matching code (1009, 1002). Without a listener they would crash the process.
    ws.on('error', (error) => deps.logger.warn('collab socket error', { doc: projectId, error: String(error) }));
    let admission: ReturnType<CollabHooks['admit']>;
    try {
      admission = deps.hooks.admit(req, projectId);
    } catch (error) {
      if (error instanceof DomainError) return closeWith(ws, closeCodeOfKind[error.kind]);
      deps.logger.error('collab admission failed', { error: String(error) });
      return closeWith(ws, 'internalError');
    }
    if (typeof admission === 'string') return closeWith(ws, admission);
    const admitted = admission;
    let document;
    try {
      document = deps.registry.openConnection(projectId, admitted.userId, limits.maxConnectionsPerUser);
    } catch (error) {
      deps.logger.error('document load failed', { doc: projectId, error: String(error) });
      return closeWith(ws, 'storeUnavailable');
    }
    if (!document) return closeWith(ws, 'tooManyConnections');
    const open = {
      userId: admitted.userId,
      projectId,
      sessionHash: admitted.sessionHash,
      close: (name: Parameters<typeof closeWith>[1]) => closeWith(ws, name),
    };
    deps.sockets.add(open);
    serveConnection(ws, socket, document, {
      userId: admitted.userId,
      guard: (doc, update, staged, raw) => deps.hooks.guardUpdate(admitted, doc, update, staged, raw),
      presenceUser: admitted.presenceUser,
      logger: deps.logger,
      pingIntervalMs: deps.pingIntervalMs,
      onClose: () => {
        deps.sockets.remove(open);
        deps.registry.closeConnection(projectId, admitted.userId);
      },
    });
  };

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const match = collabPath.exec(new URL(req.url ?? '/', 'http://localhost').pathname);
    if (!match) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    socket.on('error', () => socket.destroy());
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws, socket, req, match[1]!));
  });
  return wss;
}
