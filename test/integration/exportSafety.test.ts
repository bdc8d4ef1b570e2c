import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fragmentName, metaMapName } from '../../schemas/docLayout';
import { filieresMap } from '../../schemas/structured';
import { createGht, createProject, docxToText, download, pdfPages, unzip, writeSection } from '../helpers/exportFixtures';
import { startTestServer, type TestServer } from '../helpers/testServer';

/**
 * Hostile text in a document must print as text: the print page runs no script and fetches
 * nothing (a local listener counts every request it gets), and reads no file.
 */
let server: TestServer;
let listener: http.Server;
let port: number;
const hits: string[] = [];
let projectId: string;

const bait = () => ({
  iframe: '<iframe src="file:///etc/passwd"></iframe>',
  img: `<img src="http://127.0.0.1:${port}/img.png">`,
  script: `<script>fetch('http://127.0.0.1:${port}/script')</script>`,
  css: `<link rel="stylesheet" href="http://127.0.0.1:${port}/style.css"><style>@import url(http://127.0.0.1:${port}/import.css);</style>`,
});

beforeAll(async () => {
  listener = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    res.end('pwned');
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  port = (listener.address() as AddressInfo).port;

  server = await startTestServer();
  const { ght } = createGht(server);
  projectId = await createProject(server, server.adminCookie, { title: 'Projet sûr 2026–2030', organisationId: ght });
  const b = bait();
  writeSection(server, projectId, 'objectifs-medicaux', [
    { type: 'paragraph', content: [{ type: 'text', text: `Iframe : ${b.iframe}` }] },
    { type: 'paragraph', content: [{ type: 'text', text: `Image : ${b.img}` }] },
    { type: 'paragraph', content: [{ type: 'text', text: `Script : ${b.script}` }] },
    { type: 'paragraph', content: [{ type: 'text', text: `Feuille : ${b.css}` }] },
  ]);

  // What a hostile client could store before the update guard (and a store may still hold): a
  // javascript: and a file: link, an <img>-like element with a remote source, markup in the
  // title, a section title and a filière name. The guard now refuses most of it at the socket
  // (test/integration/yjsGuard.test.ts), so it is written server-side, past the guard.
  server.deps.registry.get(projectId).change((doc) => {
    const fragment = doc.getXmlFragment(fragmentName('qualite-securite-pertinence'));
    const paragraph = new Y.XmlElement('paragraph');
    const text = new Y.XmlText();
    text.applyDelta([
      { insert: 'lien piégé', attributes: { link: { href: `javascript:fetch('http://127.0.0.1:${port}/js')` } } },
      { insert: ' et fichier', attributes: { link: { href: 'file:///etc/passwd' } } },
      { insert: ' et bon lien', attributes: { link: { href: 'https://sante.gouv.fr/' } } },
    ]);
    paragraph.insert(0, [text]);
    const image = new Y.XmlElement('image');
    image.setAttribute('src', `http://127.0.0.1:${port}/yjs-image.png`);
    fragment.insert(fragment.length, [paragraph, image]);
    doc
      .getMap(metaMapName)
      .set(
        'title',
        `Projet </title><script>fetch('http://127.0.0.1:${port}/title')</script> "; } @page { @top-left { content: url(http://127.0.0.1:${port}/css-title) } } /* 2026–2030`,
      );
    doc.getMap<Y.Map<unknown>>('sections').get('diagnostic')!.set('title', `Diagnostic ${b.iframe}`);
    const filiere = new Y.Map<unknown>();
    filiere.set('sectionId', 'filieres');
    filiere.set('name', b.img);
    filiere.set('position', 1);
    filiere.set('description', b.script);
    filiere.set('matrix', new Y.Map<string>());
    filieresMap(doc).set('f-hostile', filiere);
  });
  expect(filieresMap(server.deps.registry.get(projectId).doc).has('f-hostile')).toBe(true);
});
afterAll(async () => {
  await server.close();
  await new Promise<void>((resolve) => listener.close(() => resolve()));
});

describe('safe rendering of hostile text', () => {
  it('PDF: markup shows as text, no request leaves the print page, no file is read, no script link', async () => {
    const res = await download(server, `/api/projects/${projectId}/export.pdf`, server.adminCookie);
    expect(res.status).toBe(200);
    const text = (await pdfPages(res.data)).join('\n').replace(/\s+/g, ' ');
    const b = bait();
    for (const markup of [b.iframe, b.img, b.script]) expect(text).toContain(markup);
    expect(text).toContain(`Diagnostic ${b.iframe}`);
    expect(text).toContain(`Filière : ${b.img}`);
    expect(text).toContain('lien piégé et fichier et bon lien');
    expect(text).toContain('</title><script>');
    expect(text).not.toMatch(/root:.*:0:0:/);
    const raw = res.data.toString('latin1');
    expect(raw).not.toMatch(/\/URI \((javascript|file):/i);
    expect(raw).toContain('/URI (https://sante.gouv.fr/)');
    // Give a late request a chance to arrive before counting.
    await new Promise((r) => setTimeout(r, 300));
    expect(hits).toEqual([]);
  }, 60_000);

  it('DOCX: markup is text, and only the http(s) link survives', async () => {
    const res = await download(server, `/api/projects/${projectId}/export.docx`, server.adminCookie);
    expect(res.status).toBe(200);
    const parts = await unzip(res.data);
    const rels = parts.get('word/_rels/document.xml.rels')!.toString('utf8');
    expect(rels).not.toMatch(/javascript:|file:/i);
    expect(rels).toContain('https://sante.gouv.fr/');
    expect(parts.get('word/document.xml')!.toString('utf8')).toContain('&lt;iframe src=&quot;file:///etc/passwd&quot;&gt;&lt;/iframe&gt;');
    const text = await docxToText(res.data);
    expect(text).toContain(bait().iframe);
    expect(text).not.toMatch(/root:.*:0:0:/);
    expect(hits).toEqual([]);
  }, 120_000);
});
