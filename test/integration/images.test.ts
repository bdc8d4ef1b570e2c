import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fragmentName } from '../../schemas/docLayout';
import { limits } from '../../schemas/limits';
import { waitFor } from '../helpers/collabClient';
import { openHostile } from '../helpers/hostileClient';
import { expectRefusedUnread, partialUpload } from '../helpers/partialUpload';
import { createGht, createProject } from '../helpers/exportFixtures';
import { gif1x1, jpeg1x1, png, scriptedSvg, webp1x1 } from '../helpers/images';
import { startTestServer, type TestServer } from '../helpers/testServer';

// Issue 20 finding 10 and issue 22: images stored with the project, size-limited, typed by their bytes.
let server: TestServer;
type U = { id: string; cookie: string };
let coordinator: U;
let editor: U;
let reviewer: U;
let reader: U;
let stranger: U;
let projectId: string;
let otherProjectId: string;

async function upload(project: string, data: Buffer, options: { cookie?: string; type?: string; origin?: string | null } = {}) {
  const headers: Record<string, string> = { cookie: options.cookie ?? editor.cookie, 'content-type': options.type ?? 'image/png' };
  if (options.origin !== null) headers.origin = options.origin ?? server.url;
  const res = await fetch(`${server.url}/api/projects/${project}/images`, { method: 'POST', headers, body: new Uint8Array(data) });
  return { status: res.status, body: (await res.json()) as any };
}
const fetchImage = (path: string, cookie: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, { headers: { cookie, ...headers } });

beforeAll(async () => {
  server = await startTestServer();
  const { ght } = createGht(server);
  coordinator = await server.user('Coordinatrice');
  editor = await server.user('Redactrice');
  reviewer = await server.user('Relecteur');
  reader = await server.user('Lectrice');
  stranger = await server.user('Etranger');
  for (const person of [coordinator, editor, reviewer, reader, stranger]) server.deps.store.organisations.grantRole(ght, person.id, 'member');
  projectId = await createProject(server, coordinator.cookie, { title: 'PMP images', organisationId: ght });
  otherProjectId = await createProject(server, coordinator.cookie, { title: 'Autre PMP', organisationId: ght });
  server.deps.store.projects.setMember(projectId, editor.id, 'editor');
  server.deps.store.projects.setMember(projectId, reviewer.id, 'reviewer');
  server.deps.store.projects.setMember(projectId, reader.id, 'reader');
});
const opened: { close(): void }[] = [];
afterAll(async () => {
  for (const c of opened) c.close();
  await server.close();
});

describe('upload', () => {
  it('stores a PNG once per project, addressed by its SHA-256, typed by its bytes (not the declared type)', async () => {
    const image = png(40, 20, 1);
    const first = await upload(projectId, image, { type: 'application/octet-stream' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ contentType: 'image/png', width: 40, height: 20, size: image.byteLength, created: true });
    expect(first.body.src).toBe(`/api/projects/${projectId}/images/${first.body.sha256}`);
    const again = await upload(projectId, image);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ sha256: first.body.sha256, created: false });
  });

  it('keeps JPEG, GIF and WebP, with the type and size read from their headers', async () => {
    for (const [data, contentType] of [
      [jpeg1x1, 'image/jpeg'],
      [gif1x1, 'image/gif'],
      [webp1x1, 'image/webp'],
    ] as const) {
      const res = await upload(projectId, data, { type: 'image/png' });
      expect(res.status, contentType).toBe(201);
      expect(res.body).toMatchObject({ contentType, width: 1, height: 1 });
    }
  });

  it('refuses an SVG (script) even declared as PNG, HTML, and an empty body: 415 in French, nothing stored', async () => {
    const before = server.deps.store.images.hashes(projectId).length;
    for (const [data, type] of [
      [scriptedSvg, 'image/png'],
      [scriptedSvg, 'image/svg+xml'],
      [Buffer.from('<html><script>alert(1)</script></html>'), 'image/gif'],
      [Buffer.alloc(0), 'image/png'],
    ] as const) {
      const res = await upload(projectId, data, { type });
      expect(res.status).toBe(415);
      expect(res.body.error.code).toBe('image_type_refused');
      expect(res.body.error.message).toMatch(/PNG, JPEG, GIF ou WebP/);
      expect(res.body.error.fields[0].path).toBe('image');
    }
    expect(server.deps.store.images.hashes(projectId)).toHaveLength(before);
  });

  it('refuses an image over the per-image limit (413, in French)', async () => {
    const big = png(1400, 1400, 2, true);
    expect(big.byteLength).toBeGreaterThan(limits.imageBytes);
    const res = await upload(projectId, big);
    expect(res.status).toBe(413);
    expect(res.body.error).toMatchObject({ code: 'image_too_large', fields: [{ path: 'image' }] });
    expect(res.body.error.message).toContain('5 Mo');
  });

  it('counts images in the project’s storage quota', async () => {
    // The document's journaled updates count once moved into SQLite: moved now, so that a move by
    // the store thread between two readings cannot pass for the image's bytes (it did under load).
    server.deps.store.documents.drain();
    const used = server.deps.store.usage.projectBytes(otherProjectId);
    const image = png(200, 200, 3, true);
    const saved = server.deps.config.quotaProjectBytes;
    (server.deps.config as { quotaProjectBytes: number }).quotaProjectBytes = used + image.byteLength - 1;
    try {
      const refused = await upload(otherProjectId, image, { cookie: coordinator.cookie });
      expect(refused.status).toBe(413);
      expect(refused.body.error.code).toBe('storage_quota_exceeded');
      (server.deps.config as { quotaProjectBytes: number }).quotaProjectBytes = used + image.byteLength;
      expect((await upload(otherProjectId, image, { cookie: coordinator.cookie })).status).toBe(201);
      expect(server.deps.store.usage.projectBytes(otherProjectId)).toBe(used + image.byteLength);
    } finally {
      (server.deps.config as { quotaProjectBytes: number }).quotaProjectBytes = saved;
    }
  });

  it('is refused to a reader and a reviewer (403), a stranger (404), cross-site and without Origin', async () => {
    const image = png(8, 8, 4);
    for (const who of [reader, reviewer]) {
      const res = await upload(projectId, image, { cookie: who.cookie });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain('rédacteur');
    }
    expect((await upload(projectId, image, { cookie: stranger.cookie })).status).toBe(404);
    expect((await upload(projectId, image, { origin: 'https://evil.example' })).body.error.code).toBe('cross_origin');
    expect((await upload(projectId, image, { origin: null })).body.error.code).toBe('json_required');
    expect(server.deps.store.images.get(projectId, (await import('node:crypto')).createHash('sha256').update(image).digest('hex'))).toBeUndefined();
  });
});

describe('upload rights, checked before the body is read', () => {
  const declared = 4 * 1024 * 1024;
  const partial = (cookie: string | undefined, waitMs?: number) =>
    partialUpload(`${server.url}/api/projects/${projectId}/images`, { cookie, origin: server.url, contentType: 'image/png', declared, waitMs });

  it('answers a reader, a reviewer, a stranger and no session at once (403, 404, 401) and closes, without reading the 4 MiB they announce', async () => {
    expect(declared).toBeLessThan(limits.imageBytes);
    for (const [who, cookie, status] of [
      ['reader', reader.cookie, 403],
      ['reviewer', reviewer.cookie, 403],
      ['stranger', stranger.cookie, 404],
      ['no session', undefined, 401],
    ] as const)
      expectRefusedUnread(await partial(cookie), status, who);
  });

  it('still reads an editor’s upload to its end', async () => {
    expect((await partial(editor.cookie, 500)).answered, 'the server waits for the announced body').toBe('timeout');
    expect((await upload(projectId, png(10, 10, 9))).status).toBe(201);
  });
});

describe('serving', () => {
  let src: string;
  let image: Buffer;
  beforeAll(async () => {
    image = png(16, 16, 5);
    src = (await upload(projectId, image)).body.src;
  });

  it('serves members with the sniffed type, nosniff, a sandbox and a private immutable cache', async () => {
    for (const who of [reader, reviewer, editor]) {
      const res = await fetchImage(src, who.cookie);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/png');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(Buffer.from(await res.arrayBuffer()).equals(image)).toBe(true);
    }
    const etag = (await fetchImage(src, reader.cookie)).headers.get('etag')!;
    expect((await fetchImage(src, reader.cookie, { 'if-none-match': etag })).status).toBe(304);
  });

  it('is not served to a stranger, nor without a session, nor through another project', async () => {
    expect((await fetchImage(src, stranger.cookie)).status).toBe(404);
    expect((await fetch(`${server.url}${src}`)).status).toBe(401);
    expect((await fetchImage(src.replace(projectId, otherProjectId), coordinator.cookie)).status).toBe(404);
    expect((await fetchImage(`/api/projects/${projectId}/images/not-a-hash`, reader.cookie)).status).toBe(400);
  });
});

describe('the update guard: an image node shows an image of its own project, nothing else', () => {
  const section = 'objectifs-medicaux';
  const docOf = (id: string) => server.deps.registry.get(id).doc;
  const imagesIn = (id: string) =>
    docOf(id)
      .getXmlFragment(fragmentName(section))
      .toArray()
      .filter((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === 'image')
      .map((n) => n.getAttribute('src'));
  const hostile = async (cookie: string) => {
    const client = await openHostile(server.url, projectId, cookie, Y.encodeStateAsUpdate(docOf(projectId)));
    opened.push({ close: () => client.ws.terminate() });
    return client;
  };
  /** An image node appended to the section, as the editor's binding writes one. */
  const appendImage = (src: string | null) => (doc: Y.Doc) => {
    const image = new Y.XmlElement('image');
    if (src !== null) image.setAttribute('src', src);
    image.setAttribute('alt', 'Schéma');
    const fragment = doc.getXmlFragment(fragmentName(section));
    fragment.insert(fragment.length, [image]);
  };
  let own: string;
  let othersImage: string;

  beforeAll(async () => {
    own = (await upload(projectId, png(12, 12, 7))).body.src;
    othersImage = (await upload(otherProjectId, png(12, 12, 8), { cookie: coordinator.cookie })).body.src;
  });

  it('accepts an editor’s image node whose src is an image of this project', async () => {
    const client = await hostile(editor.cookie);
    client.send(client.change(appendImage(own)));
    await waitFor(() => imagesIn(projectId).includes(own), 10_000, 'image accepted');
    expect(client.isOpen()).toBe(true);
  });

  it('refuses (4422) an external address, a data: URI, another project’s image, an unknown hash, a missing src', async () => {
    const before = imagesIn(projectId);
    const unknown = own.replace(/[0-9a-f]{64}$/, '0'.repeat(64));
    const attacks: [string, string | null][] = [
      ['external address', 'https://tracker.example/pixel.png'],
      ['protocol-relative address', '//tracker.example/pixel.png'],
      ['data: URI', `data:image/png;base64,${png(2, 2).toString('base64')}`],
      ['javascript: URI', 'javascript:alert(1)'],
      ['another project’s image', othersImage],
      ['another project’s image through this project’s path', othersImage.replace(otherProjectId, projectId).replace(/[0-9a-f]{64}$/, othersImage.slice(-64))],
      ['a hash this project does not have', unknown],
      ['no src', null],
    ];
    for (const [what, src] of attacks) {
      const client = await hostile(editor.cookie);
      client.send(client.change(appendImage(src)));
      expect(await client.closed, what).toBe(4422);
    }
    expect(imagesIn(projectId)).toEqual(before);
  });

  it('refuses (4422) rewriting the src of an accepted image node to an external address', async () => {
    const client = await hostile(editor.cookie);
    client.send(
      client.change((doc) => {
        const image = doc
          .getXmlFragment(fragmentName(section))
          .toArray()
          .find((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === 'image')!;
        image.setAttribute('src', 'https://tracker.example/pixel.png');
      }),
    );
    expect(await client.closed).toBe(4422);
    expect(imagesIn(projectId).every((src) => src === own)).toBe(true);
  });

  it('refuses a reviewer’s and a reader’s image node, even of this project', async () => {
    for (const who of [reviewer, reader]) {
      const client = await hostile(who.cookie);
      const count = imagesIn(projectId).length;
      client.send(client.change(appendImage(own)));
      expect(await client.closed).toBeGreaterThanOrEqual(4400);
      expect(imagesIn(projectId)).toHaveLength(count);
    }
  });
});
