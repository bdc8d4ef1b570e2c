import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { limits } from '../../schemas/limits';
import { sectionPlainText } from '../../schemas/sectionText';
import { connectClient, synced, waitFor, type Client } from '../helpers/collabClient';
import { appendParagraph } from '../helpers/richText';
import { startTestServer, type TestServer } from '../helpers/testServer';

/**
 * Connections that hold resources without doing anything: HTTP upgrades whose headers never
 * end (slowloris) and WebSockets that never answer pings. Timeouts are shortened through the
 * config (PMP_HEADERS_TIMEOUT_MS, PMP_PING_INTERVAL_MS) so the test takes seconds.
 */
const pingIntervalMs = 100;
const headersTimeoutMs = 500;
let server: TestServer;
let editor: { id: string; cookie: string };
let projectId: string;
const clients: Client[] = [];
const section = 'objectifs-medicaux';

beforeAll(async () => {
  server = await startTestServer({ pingIntervalMs, headersTimeoutMs });
  editor = await server.user('Rédacteur');
  projectId = (await server.api('POST', '/api/projects', { cookie: editor.cookie, body: { kind: 'PM', title: 'PM' } })).body.id;
});

afterAll(async () => {
  for (const c of clients) c.destroy();
  await server.close();
});

/** A raw TCP connection; resolves `closed` with the time the server hung up. */
function rawConnection() {
  const socket = net.connect(server.port, '127.0.0.1');
  socket.on('error', () => {});
  let received = '';
  socket.on('data', (chunk) => (received += chunk.toString('latin1')));
  const closed = new Promise<number>((resolve) => socket.on('close', () => resolve(Date.now())));
  return { socket, closed, received: () => received };
}

async function liveClient(): Promise<Client> {
  const client = connectClient(server.url, projectId, { cookie: editor.cookie });
  clients.push(client);
  await synced(client);
  return client;
}

describe('idle and slow connections', () => {
  it('cuts upgrade requests whose headers never end, while serving everyone else', async () => {
    const start = Date.now();
    const slow = Array.from({ length: 50 }, (_, i) => {
      const conn = rawConnection();
      conn.socket.write(`GET /collab/${projectId} HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n`);
      // Half of them trickle a header byte now and then, as slowloris does.
      if (i % 2 === 0) {
        const timer = setInterval(() => conn.socket.writable && conn.socket.write('X'), 50);
        void conn.closed.then(() => clearInterval(timer));
      }
      return conn;
    });
    const client = await liveClient();
    expect((await server.api('GET', '/api/health')).status).toBe(200);

    const closedAt = await Promise.all(slow.map((s) => s.closed));
    expect(Math.max(...closedAt) - start).toBeLessThan(headersTimeoutMs + 1_500);
    expect(slow.every((s) => s.received().startsWith('HTTP/1.1 408'))).toBe(true);
    appendParagraph(client.doc, section, 'toujours là');
    await waitFor(() => sectionPlainText(server.deps.registry.get(projectId).doc, section).includes('toujours là'));
    expect(client.closes).toEqual([]);
  });

  it('drops WebSockets that never answer pings and frees their slots; live clients stay', async () => {
    const live = await liveClient();
    // A user holding every connection the limit allows, none of which answers pings.
    const sleeper = await server.user('Dormeur');
    await server.api('PUT', `/api/projects/${projectId}/members/${sleeper.id}`, { cookie: editor.cookie, body: { role: 'editor' } });
    const silent = await Promise.all(
      Array.from({ length: limits.maxConnectionsPerUser }, async () => {
        const ws = new WebSocket(`${server.url.replace('http', 'ws')}/collab/${projectId}`, { headers: { cookie: sleeper.cookie }, autoPong: false });
        ws.on('error', () => {});
        const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
        await new Promise((resolve) => ws.once('open', resolve));
        return closed;
      }),
    );

    // Terminated (no close frame: the peer is not listening) after two missed pings.
    const codes = await Promise.race([Promise.all(silent), new Promise<null>((r) => setTimeout(() => r(null), 20 * pingIntervalMs))]);
    expect(codes).not.toBeNull();
    expect(new Set(codes)).toEqual(new Set([1006]));

    // Their slots are free again: the same user opens as many live connections.
    const back = Array.from({ length: limits.maxConnectionsPerUser }, () => {
      const client = connectClient(server.url, projectId, { cookie: sleeper.cookie }, { reconnect: false });
      clients.push(client);
      return client;
    });
    await Promise.all(back.map(synced));
    await new Promise((r) => setTimeout(r, 5 * pingIntervalMs));
    expect(back.flatMap((c) => c.closes)).toEqual([]);
    // The live client answers pings: it never left.
    expect(live.closes).toEqual([]);
    expect(live.provider.wsconnected).toBe(true);
  });
});
