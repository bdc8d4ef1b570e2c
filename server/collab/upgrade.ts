import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { limits } from '../../schemas/limits';
import { isCrossOrigin, readSessionToken } from '../auth/sessionCookie';
import type { Logger } from '../log';
import type { Policy } from '../policies/can';
import type { Store } from '../store';
import type { UserRecord } from '../store/users';
import { closeWith } from './connection';
import type { CloseCodeName } from './closeCodes';
import { serveConnection } from './connection';
import type { DocumentRegistry } from './registry';

const collabPath = /^\/collab\/([A-Za-z0-9-]{1,64})\/?$/;

interface Admission {
  user: UserRecord;
  projectId: string;
  readOnly: boolean;
  canEditLocked: boolean;
}

/**
 * Mounts the collaboration endpoint on the HTTP server. Composed in this order: route →
 * authenticate (session cookie or collab token) → project exists → policy → per-user limit →
 * serve. Refusals are WebSocket closes with a named code, so clients can tell them apart.
 */
export function mountCollab(
  server: Server,
  deps: { store: Store; policy: Policy; registry: DocumentRegistry; logger: Logger; pingIntervalMs: number },
): WebSocketServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.wsMaxMessageBytes });

  const admit = (req: IncomingMessage, projectId: string): Admission | CloseCodeName => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const token = url.searchParams.get('token');
    let user: UserRecord | undefined;
    if (token) {
      const grant = deps.store.sessions.collabTokenGrant(token);
      if (!grant || grant.projectId !== projectId) return 'unauthorized';
      user = deps.store.users.get(grant.userId);
    } else {
      // A cookie rides along with any page's WebSocket: only our own pages may use it.
      if (isCrossOrigin(req.headers.origin, req.headers.host)) return 'forbidden';
      const session = readSessionToken(req.headers.cookie);
      const userId = session ? deps.store.sessions.userIdFor(session) : undefined;
      user = userId ? deps.store.users.get(userId) : undefined;
    }
    if (!user) return 'unauthorized';
    if (!deps.store.projects.get(projectId)) return 'notFound';
    if (!deps.policy.can(user, { action: 'project.read', projectId })) return 'forbidden';
    return {
      user,
      projectId,
      readOnly: !deps.policy.can(user, { action: 'project.edit', projectId }),
      canEditLocked: deps.policy.can(user, { action: 'section.editLocked', projectId }),
    };
  };

  const onConnection = (ws: WebSocket, socket: Duplex, req: IncomingMessage, projectId: string): void => {
    // Protocol errors (oversized or invalid frames) surface here; `ws` then closes the socket
    // with the matching code (1009, 1002). Without a listener they would crash the process.
    ws.on('error', (error) => deps.logger.warn('collab socket error', { doc: projectId, error: String(error) }));
    let admission: Admission | CloseCodeName;
    try {
      admission = admit(req, projectId);
    } catch (error) {
      deps.logger.error('collab admission failed', { error: String(error) });
      return closeWith(ws, 'internalError');
    }
    if (typeof admission === 'string') return closeWith(ws, admission);
    const { user, readOnly, canEditLocked } = admission;
    let document;
    try {
      document = deps.registry.openConnection(projectId, user.id, limits.maxConnectionsPerUser);
    } catch (error) {
      deps.logger.error('document load failed', { doc: projectId, error: String(error) });
      return closeWith(ws, 'storeUnavailable');
    }
    if (!document) return closeWith(ws, 'tooManyConnections');
    serveConnection(ws, socket, document, {
      userId: user.id,
      readOnly,
      canEditLocked,
      logger: deps.logger,
      pingIntervalMs: deps.pingIntervalMs,
      onClose: () => deps.registry.closeConnection(projectId, user.id),
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
