import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import { WebSocket } from 'ws';
import * as Y from 'yjs';

/**
 * A hand-driven collaboration client, as an attacker would write one: a raw WebSocket and a
 * local copy of the document whose changes are sent as y-protocols frames, in any order.
 */
export interface HostileClient {
  ws: WebSocket;
  /** The local copy (starts as the server's state). */
  doc: Y.Doc;
  /** Makes a change on the local copy and returns its update, without sending it. */
  change(mutate: (doc: Y.Doc) => void): Uint8Array;
  /** Sends a document update (sync "update" message). */
  send(update: Uint8Array): void;
  /** Sends a raw y-websocket message. */
  sendRaw(message: Uint8Array): void;
  /** Resolves with the close code. */
  closed: Promise<number>;
  isOpen(): boolean;
  /** Bytes received so far. */
  received(): number;
}

export function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** An awareness message carrying the given states (clientId → state). */
export function awarenessMessage(states: Map<number, unknown>, clock = 1): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, states.size);
  for (const [clientId, state] of states) {
    encoding.writeVarUint(inner, clientId);
    encoding.writeVarUint(inner, clock);
    encoding.writeVarString(inner, JSON.stringify(state));
  }
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner));
  return encoding.toUint8Array(encoder);
}

/** Decodes the awareness messages of a stream of y-websocket messages into the states they carry. */
export function awarenessStatesOf(messages: Uint8Array[]): Map<number, Record<string, unknown>> {
  const doc = new Y.Doc();
  const awareness = new awarenessProtocol.Awareness(doc);
  for (const message of messages) {
    const decoder = decoding.createDecoder(message);
    if (decoding.readVarUint(decoder) !== 1) continue;
    awarenessProtocol.applyAwarenessUpdate(awareness, decoding.readVarUint8Array(decoder), 'server');
  }
  const states = new Map(awareness.getStates() as Map<number, Record<string, unknown>>);
  awareness.destroy();
  doc.destroy();
  return states;
}

/** Opens a hostile client on a project, its copy starting from `state` (the server's). */
export async function openHostile(
  baseUrl: string,
  projectId: string,
  cookie: string,
  state: Uint8Array,
  query = '',
): Promise<HostileClient & { messages: Uint8Array[] }> {
  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/collab/${projectId}${query}`, { headers: { cookie } });
  const messages: Uint8Array[] = [];
  let bytes = 0;
  ws.on('message', (data: Buffer) => {
    bytes += data.byteLength;
    messages.push(new Uint8Array(data));
  });
  ws.on('error', () => {});
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  await new Promise<void>((resolve) => {
    ws.once('open', () => resolve());
    ws.once('close', () => resolve());
  });
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return {
    ws,
    doc,
    messages,
    change(mutate) {
      const before = Y.encodeStateVector(doc);
      doc.transact(() => mutate(doc));
      return Y.encodeStateAsUpdate(doc, before);
    },
    send(update) {
      ws.send(updateMessage(update));
    },
    sendRaw(message) {
      ws.send(message);
    },
    closed,
    isOpen: () => ws.readyState === ws.OPEN,
    received: () => bytes,
  };
}
