import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { download, pdfImages, pdfPages, unzip, writeSection } from '../helpers/exportFixtures';
import { png, webp1x1 } from '../helpers/images';
import { startTestServer, type TestServer } from '../helpers/testServer';

// Issue 20 finding 10: images of the text are in the PDF (inlined, Chromium fetches nothing) and the DOCX (media parts).
let server: TestServer;
let projectId: string;
const wide = png(900, 300, 1);
const small = png(64, 48, 2);

async function stored(data: Buffer): Promise<string> {
  const res = await fetch(`${server.url}/api/projects/${projectId}/images`, {
    method: 'POST',
    headers: { cookie: server.adminCookie, origin: server.url, 'content-type': 'image/png' },
    body: new Uint8Array(data),
  });
  return ((await res.json()) as { src: string }).src;
}

beforeAll(async () => {
  server = await startTestServer();
  projectId = (await server.api('POST', '/api/projects', { cookie: server.adminCookie, body: { kind: 'PMP', title: 'PMP illustré' } })).body.id;
  const [wideSrc, smallSrc, webpSrc] = [await stored(wide), await stored(small), await stored(webp1x1)];
  writeSection(server, projectId, 'diagnostic', [
    { type: 'paragraph', content: [{ type: 'text', text: 'Carte du territoire :' }] },
    { type: 'image', attrs: { src: wideSrc, alt: 'Carte du territoire' } },
    { type: 'table', content: [{ type: 'tableRow', content: [{ type: 'tableCell', content: [{ type: 'image', attrs: { src: smallSrc, alt: 'Logo' } }] }] }] },
    { type: 'image', attrs: { src: webpSrc, alt: 'Photo' } },
  ]);
}, 60_000);
afterAll(() => server.close());

describe('images in the exports', () => {
  it('PDF: each image drawn at its pixel size, inlined (the print page’s other requests are aborted, so a fetched one would be missing)', async () => {
    const res = await download(server, `/api/projects/${projectId}/export.pdf`, server.adminCookie);
    expect(res.status).toBe(200);
    const images = await pdfImages(res.data);
    expect(images.map((i) => [i.width, i.height])).toEqual(
      expect.arrayContaining([
        [900, 300],
        [64, 48],
        [1, 1],
      ]),
    );
    expect((await pdfPages(res.data)).join('\n')).toContain('Carte du territoire :');
  }, 60_000);

  it('DOCX: PNG images are media parts with their bytes, sized within the page; a WebP is named', async () => {
    const res = await download(server, `/api/projects/${projectId}/export.docx`, server.adminCookie);
    expect(res.status).toBe(200);
    const entries = await unzip(res.data);
    const media = [...entries].filter(([name]) => name.startsWith('word/media/')).map(([, data]) => data);
    expect(media.some((m) => m.equals(wide))).toBe(true);
    expect(media.some((m) => m.equals(small))).toBe(true);
    const documentXml = entries.get('word/document.xml')!.toString('utf8');
    // 900×300 px scaled to the text's 600 px width: 600×200 px = 5715000×1905000 EMU.
    expect(documentXml).toContain('cx="5715000" cy="1905000"');
    expect(documentXml).toContain('descr="Carte du territoire"');
    expect(documentXml).toContain('[Image au format WebP, visible dans le PDF : Photo]');
  }, 60_000);

  it('a frozen version keeps its images', async () => {
    const frozen = await server.api('POST', `/api/projects/${projectId}/versions`, { cookie: server.adminCookie, body: { label: 'Version illustrée' } });
    expect(frozen.status).toBe(201);
    writeSection(server, projectId, 'diagnostic', [{ type: 'paragraph', content: [{ type: 'text', text: 'Plus d’image.' }] }]);
    const live = await download(server, `/api/projects/${projectId}/export.docx`, server.adminCookie);
    expect([...(await unzip(live.data)).keys()].filter((n) => n.startsWith('word/media/'))).toEqual([]);
    const version = await download(server, `/api/projects/${projectId}/versions/${frozen.body.id}/export.pdf`, server.adminCookie);
    expect(version.status).toBe(200);
    expect((await pdfImages(version.data)).map((i) => [i.width, i.height])).toEqual(
      expect.arrayContaining([
        [900, 300],
        [64, 48],
      ]),
    );
  }, 60_000);
});
