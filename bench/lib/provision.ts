import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { initDocument } from '../../schemas/docLayout';
import { getTemplate } from '../../templates';
import { adminEmail, adminPassword } from '../../test/helpers/testServer';

async function call(url: string, method: string, body?: unknown, cookie?: string): Promise<{ status: number; body: any; cookie?: string }> {
  const res = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 400) throw new Error(`${method} ${url}: ${res.status} ${text}`);
  return { status: res.status, body: text ? JSON.parse(text) : null, cookie: res.headers.get('set-cookie')?.split(';')[0] };
}

/** Logs in and returns the session cookie. */
export async function login(base: string, email: string, password: string): Promise<string> {
  return (await call(`${base}/api/auth/login`, 'POST', { email, password })).cookie!;
}

export async function createProject(base: string, adminCookie: string, title: string): Promise<string> {
  return (await call(`${base}/api/projects`, 'POST', { kind: 'PMP', title }, adminCookie)).body.id;
}

export async function collabToken(base: string, cookie: string, projectId: string): Promise<string> {
  return (await call(`${base}/api/projects/${projectId}/collab-token`, 'POST', undefined, cookie)).body.token;
}

/**
 * Creates `docs` PMP projects and `users` editors who are members of all of them, through the
 * API as a client would, and returns one collab token per user and project (tokens[user][doc]).
 */
export async function provisionOurs(base: string, users: number, docs: number): Promise<{ projectIds: string[]; tokens: string[][] }> {
  const admin = await login(base, adminEmail, adminPassword);
  const projectIds: string[] = [];
  for (let d = 0; d < docs; d++) projectIds.push(await createProject(base, admin, `PMP banc d’essai ${d + 1}`));
  const tokens: string[][] = [];
  for (let u = 0; u < users; u++) {
    const email = `editeur.${u}@bench.fr`;
    const password = `mot-de-passe-${u}`;
    const { body } = await call(`${base}/api/users`, 'POST', { email, name: `Éditeur ${u}`, password }, admin);
    for (const id of projectIds) await call(`${base}/api/projects/${id}/members/${body.id}`, 'PUT', { role: 'editor' }, admin);
    const cookie = await login(base, email, password);
    tokens.push(await Promise.all(projectIds.map((id) => collabToken(base, cookie, id))));
  }
  return { projectIds, tokens };
}

/** Connects a provider and resolves once it is synced. */
export function syncedProvider(wsBase: string, room: string, doc: Y.Doc, params: Record<string, string> = {}): Promise<WebsocketProvider> {
  const provider = new WebsocketProvider(wsBase, room, doc, { WebSocketPolyfill: WebSocket as never, params, disableBc: true });
  return new Promise((resolve) => {
    const onSync = (synced: boolean) => {
      if (!synced) return;
      provider.off('sync', onSync);
      resolve(provider);
    };
    provider.on('sync', onSync);
  });
}

/**
 * Pushes `update` into a room and waits until a second client reads it back from the server;
 * returns the state vector of the document the server then holds.
 */
export async function pushDocument(wsBase: string, room: string, update: Uint8Array, params: Record<string, string> = {}): Promise<Uint8Array> {
  const writerDoc = new Y.Doc();
  const writer = await syncedProvider(wsBase, room, writerDoc, params);
  Y.applyUpdate(writerDoc, update);
  // Both sides agree once the server holds the update and the writer whatever the server had
  // (the reference server loads its storage after answering the first sync).
  let target: Uint8Array;
  for (let attempt = 0; ; attempt++) {
    const checkDoc = new Y.Doc();
    const check = await syncedProvider(wsBase, room, checkDoc, params);
    target = Y.encodeStateVector(checkDoc);
    const done = Buffer.compare(Buffer.from(target), Buffer.from(Y.encodeStateVector(writerDoc))) === 0;
    check.destroy();
    checkDoc.destroy();
    if (done) break;
    if (attempt > 100) throw new Error(`room ${room}: the server never held the pushed document`);
    await new Promise((r) => setTimeout(r, 100));
  }
  writer.destroy();
  writerDoc.destroy();
  return target;
}

/** Gives each reference room the template outline our projects are created with. */
export async function seedReferenceRooms(wsBase: string, rooms: string[]): Promise<void> {
  for (const room of rooms) {
    const doc = new Y.Doc();
    initDocument(doc, getTemplate('PMP'), { title: 'PMP banc d’essai' });
    await pushDocument(wsBase, room, Y.encodeStateAsUpdate(doc));
    doc.destroy();
  }
}
