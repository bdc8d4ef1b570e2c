import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { heartbeatType } from '../../editor/src/collab/heartbeat';
import { CloseCode } from '../../server/collab/closeCodes';
import { MessageType } from '../../server/collab/messageType';
import { openHostile } from '../helpers/hostileClient';
import { startTestServer, type TestServer } from '../helpers/testServer';

/**
 * Issue 20, finding 5: the browser cannot see WebSocket pings, so the editor asks the server for
 * a sign of life every second (message type 9) and the server answers at once. The answer
 * is bounded (a flood gets a few echoes, not one per message) and a malformed heartbeat closes.
 */
let server: TestServer;
let user: { id: string; cookie: string };
let projectId: string;

beforeAll(async () => {
  server = await startTestServer();
  user = await server.user('Dr Claire Martin');
  projectId = (await server.api('POST', '/api/projects', { cookie: user.cookie, body: { kind: 'PM', title: 'Projet médical' } })).body.id;
});
afterAll(() => server.close());

const open = () => openHostile(server.url, projectId, user.cookie, Y.encodeStateAsUpdate(server.deps.registry.get(projectId).doc));
const echoes = (messages: Uint8Array[]) => messages.filter((m) => m.length === 1 && m[0] === MessageType.heartbeat).length;
const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('application heartbeat', () => {
  it('is the type the editor sends, answered at once', async () => {
    expect(heartbeatType).toBe(MessageType.heartbeat);
    const client = await open();
    const before = client.messages.length;
    client.sendRaw(Uint8Array.of(MessageType.heartbeat));
    for (let i = 0; i < 50 && echoes(client.messages.slice(before)) === 0; i++) await settle(20);
    expect(echoes(client.messages.slice(before))).toBe(1);
    expect(client.isOpen()).toBe(true);
    client.ws.close();
  });

  it('answers a flood a few times only, and keeps the connection', async () => {
    const client = await open();
    await settle(100);
    const before = client.messages.length;
    for (let i = 0; i < 200; i++) client.sendRaw(Uint8Array.of(MessageType.heartbeat));
    await settle(600);
    client.sendRaw(Uint8Array.of(MessageType.heartbeat));
    await settle(200);
    const answered = echoes(client.messages.slice(before));
    expect(answered).toBeGreaterThanOrEqual(1);
    expect(answered).toBeLessThanOrEqual(3);
    expect(client.isOpen()).toBe(true);
    client.ws.close();
  });

  it('closes on a heartbeat that carries a payload', async () => {
    const client = await open();
    client.sendRaw(Uint8Array.of(MessageType.heartbeat, 1, 2, 3));
    expect(await client.closed).toBe(CloseCode.malformedMessage);
  });
});
