import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uploadSlotLimits } from '../../server/http/middleware/uploadSlots';
import { png } from '../helpers/images';
import { docxType } from '../helpers/importFixtures';
import { startTestServer, type TestServer } from '../helpers/testServer';

// Issue 22: one account cannot hold the server with many uploads at once (429 + Retry-After).
let server: TestServer;
let projectId: string;
let editor: { id: string; cookie: string };
let other: { id: string; cookie: string };

beforeAll(async () => {
  server = await startTestServer();
  editor = await server.user('Redactrice');
  other = await server.user('Collegue');
  projectId = (await server.api('POST', '/api/projects', { cookie: server.adminCookie, body: { kind: 'PMP', title: 'PMP envois' } })).body.id;
  for (const who of [editor, other])
    await server.api('PUT', `/api/projects/${projectId}/members/${who.id}`, { cookie: server.adminCookie, body: { role: 'editor' } });
});
afterAll(() => server.close());

/** An upload whose body is still being sent: the request is in flight until `finish()`. */
function slowUpload(path: string, cookie: string, type: string, body: Buffer): { finish(): Promise<number> } {
  const url = new URL(server.url + path);
  let answer: (status: number) => void;
  const status = new Promise<number>((resolve) => (answer = resolve));
  const req = http.request(
    url,
    { method: 'POST', headers: { cookie, origin: server.url, 'content-type': type, 'content-length': String(body.byteLength) } },
    (res) => {
      res.resume();
      res.on('end', () => answer(res.statusCode ?? 0));
    },
  );
  req.write(body.subarray(0, 10));
  return {
    finish() {
      req.end(body.subarray(10));
      return status;
    },
  };
}

const post = (path: string, cookie: string, type: string, body: Buffer) =>
  fetch(server.url + path, { method: 'POST', headers: { cookie, origin: server.url, 'content-type': type }, body: new Uint8Array(body) });

/** Lets the server read the headers of the requests just opened. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

describe('uploads in flight per user', () => {
  it('one import at a time: the second is refused with 429 and Retry-After, another user is not; the slot comes back', async () => {
    const imports = `/api/projects/${projectId}/imports`;
    const notADocx = Buffer.from('%PDF-1.7 pas un document Word, assez long pour deux envois');
    const first = slowUpload(imports, editor.cookie, docxType, notADocx);
    await settle();
    const second = await post(imports, editor.cookie, docxType, notADocx);
    expect(second.status).toBe(429);
    expect(second.headers.get('retry-after')).toBe(String(uploadSlotLimits.import.retryAfterSeconds));
    const body = (await second.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('upload_in_progress');
    expect(body.error.message).toContain('import de document est déjà en cours');
    // Another user's import goes through (refused as not a document, not as busy).
    expect((await post(imports, other.cookie, docxType, notADocx)).status).toBe(400);
    expect(await first.finish()).toBe(400);
    expect((await post(imports, editor.cookie, docxType, notADocx)).status).toBe(400);
  });

  it('three images at a time: the fourth is refused with 429, images and imports counted apart', async () => {
    const images = `/api/projects/${projectId}/images`;
    const pending = [1, 2, 3].map((seed) => slowUpload(images, editor.cookie, 'image/png', png(20, 20, seed)));
    await settle();
    const fourth = await post(images, editor.cookie, 'image/png', png(20, 20, 4));
    expect(fourth.status).toBe(429);
    expect(fourth.headers.get('retry-after')).toBe(String(uploadSlotLimits.image.retryAfterSeconds));
    expect(((await fourth.json()) as { error: { message: string } }).error.message).toContain('Trop d’images en cours d’envoi');
    expect((await post(`/api/projects/${projectId}/imports`, editor.cookie, docxType, Buffer.from('%PDF-1.7'))).status).toBe(400);
    expect(await Promise.all(pending.map((p) => p.finish()))).toEqual([201, 201, 201]);
    expect((await post(images, editor.cookie, 'image/png', png(20, 20, 4))).status).toBe(201);
  });

  it('a client that leaves mid-upload gives its slot back', async () => {
    const imports = `/api/projects/${projectId}/imports`;
    const url = new URL(server.url + imports);
    const req = http.request(url, {
      method: 'POST',
      headers: { cookie: editor.cookie, origin: server.url, 'content-type': docxType, 'content-length': '1000' },
    });
    req.on('error', () => {});
    req.write(Buffer.alloc(10));
    await settle();
    expect((await post(imports, editor.cookie, docxType, Buffer.from('%PDF-1.7'))).status).toBe(429);
    req.destroy();
    await settle();
    expect((await post(imports, editor.cookie, docxType, Buffer.from('%PDF-1.7'))).status).toBe(400);
  });
});
