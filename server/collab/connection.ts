import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { Logger } from '../log';
import { CloseCode, closeReason, type CloseCodeName } from './closeCodes';
import { limits } from '../../schemas/limits';
import type { LoadedDocument, Peer, UpdateGuard, UpdateRefusal } from './loadedDocument';
import { MessageType } from './messageType';
import { PresenceGate, PresenceRate, type PresenceUser } from './presenceGate';
import { writeFrame } from './wireFrame';

const refusalClose: Record<UpdateRefusal, CloseCodeName> = {
  malformed: 'malformedMessage',
  tooLarge: 'documentTooLarge',
  storeUnavailable: 'storeUnavailable',
  locked: 'sectionLocked',
  forbidden: 'forbidden',
  serverOwned: 'serverOwned',
  invalid: 'invalidChange',
  unresolved: 'missingDependencies',
};

/** A client may ask for everyone's presence this often at most (each answer carries every state). */
const queryAwarenessEveryMs = 5000;
const heartbeatMessage = Uint8Array.of(MessageType.heartbeat);
/** Heartbeats answered at most this often: a client that floods them gets no more echoes. */
const heartbeatEveryMs = 500;

export interface ConnectionContext {
  userId: string;
  /** The check of every document update this connection sends (the update-guard hook). */
  guard: UpdateGuard;
  /** Who this connection appears as to the others (from the session, never from the client). */
  presenceUser: PresenceUser;
  logger: Logger;
  /** Ping interval; a peer that misses a pong is dropped (idle or half-open connections). */
  pingIntervalMs: number;
  onClose(): void;
}

export function closeWith(ws: WebSocket, name: CloseCodeName): void {
  if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close(CloseCode[name], closeReason[name]);
}

/**
 * Speaks the y-websocket protocol (y-protocols' sync and awareness) with one client. Messages
 * leave as frames written straight to the upgraded socket (see wireFrame.ts); `ws` writes only
 * its own control frames (pong, close) there, each also a whole frame, so none interleave. A
 * write error destroys the socket, which `ws` reports as a close.
 */
export function serveConnection(ws: WebSocket, socket: Duplex, document: LoadedDocument, ctx: ConnectionContext): void {
  const peer: Peer = {
    send(message, then) {
      if (ws.readyState !== ws.OPEN) return;
      writeFrame(socket, message, then);
    },
  };
  document.join(peer);

  const presence = new PresenceGate(ctx.presenceUser, (clientId) => document.controlledByOthers(peer, clientId));
  const presenceRate = new PresenceRate(limits.presenceMessagesPerSecond, (update) => awarenessProtocol.applyAwarenessUpdate(document.awareness, update, peer));
  let lastQueryAt = -Infinity;
  let lastHeartbeatAt = -Infinity;

  const fail = (name: CloseCodeName, detail?: string): void => {
    ctx.logger.warn('collab connection closed', { doc: document.name, user: ctx.userId, code: CloseCode[name], detail });
    closeWith(ws, name);
  };

  const handle = (data: Uint8Array): void => {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MessageType.sync: {
        const syncType = decoding.readVarUint(decoder);
        if (syncType === syncProtocol.messageYjsSyncStep1) {
          const encoder = encoding.createEncoder();
          encoding.writeVarUint(encoder, MessageType.sync);
          syncProtocol.readSyncStep1(decoder, encoder, document.doc);
          peer.send(encoding.toUint8Array(encoder));
        } else if (syncType === syncProtocol.messageYjsSyncStep2 || syncType === syncProtocol.messageYjsUpdate) {
          const update = decoding.readVarUint8Array(decoder);
          const refuse = (refusal: UpdateRefusal) => fail(refusalClose[refusal], refusal);
          const refusal = document.applyClientUpdate(update, peer, ctx.guard, refuse);
          if (refusal) refuse(refusal);
        } else {
          fail('malformedMessage', `sync type ${syncType}`);
        }
        return;
      }
      case MessageType.awareness: {
        const update = presence.filter(decoding.readVarUint8Array(decoder));
        if (update) presenceRate.offer(update);
        return;
      }
      case MessageType.queryAwareness: {
        const now = Date.now();
        if (now - lastQueryAt < queryAwarenessEveryMs) return;
        lastQueryAt = now;
        sendAwareness(peer, document, [...document.awareness.getStates().keys()]);
        return;
      }
      case MessageType.heartbeat: {
        if (decoding.hasContent(decoder)) return fail('malformedMessage', 'heartbeat with a payload');
        const now = Date.now();
        if (now - lastHeartbeatAt < heartbeatEveryMs) return;
        lastHeartbeatAt = now;
        peer.send(heartbeatMessage);
        return;
      }
      case MessageType.auth:
        return;
      default:
        fail('malformedMessage', `message type ${type}`);
    }
  };

  ws.on('message', (data, isBinary) => {
    if (ws.readyState !== ws.OPEN) return;
    if (!isBinary) return fail('malformedMessage', 'text frame');
    const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
    try {
      handle(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    } catch (error) {
      fail('malformedMessage', String(error));
    }
  });

  let alive = true;
  ws.on('pong', () => {
    alive = true;
  });
  const pinger = setInterval(() => {
    if (!alive) return ws.terminate();
    alive = false;
    ws.ping();
  }, ctx.pingIntervalMs);

  ws.on('close', () => {
    clearInterval(pinger);
    presenceRate.dispose();
    document.leave(peer);
    ctx.onClose();
  });

  // Sync step 1 first so the client sends what the server lacks, then who is here.
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  syncProtocol.writeSyncStep1(encoder, document.doc);
  peer.send(encoding.toUint8Array(encoder));
  const present = [...document.awareness.getStates().keys()];
  if (present.length > 0) sendAwareness(peer, document, present);
}

function sendAwareness(peer: Peer, document: LoadedDocument, clients: number[]): void {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.awareness);
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(document.awareness, clients));
  peer.send(encoding.toUint8Array(encoder));
}
