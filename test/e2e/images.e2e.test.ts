import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fragmentName } from '../../schemas/docLayout';
import { editorDist } from '../../server/http/app';
import { launchChromium } from '../helpers/browser';
import { openAs, openSection } from '../helpers/browserSession';
import { png, scriptedSvg } from '../helpers/images';
import { startTestServer, type TestServer } from '../helpers/testServer';

/**
 * Issue 20 finding 10 in Chromium: an image inserted from the toolbar, pasted or dropped is
 * uploaded to the project, shown, and written in the text for everyone; pasted images from
 * other sites are named, not written; a refused file is named, not dropped silently.
 */
let server: TestServer;
let browser: Browser;
let projectId: string;
let page: Page;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pmp-images-e2e-'));
const author = { name: 'Marc Leroy', email: 'leroy@images.fr', password: 'password-of-Marc', id: '' };
const section = 'objectifs-medicaux';

const imageSources = (): string[] =>
  server.deps.registry
    .get(projectId)
    .doc.getXmlFragment(fragmentName(section))
    .toArray()
    .filter((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === 'image')
    .map((n) => String(n.getAttribute('src')));

const notice = () => page.$eval('.image-notice', (el) => el.textContent ?? '');

beforeAll(async () => {
  if (!fs.existsSync(path.join(editorDist, 'index.html'))) throw new Error('editor/dist is missing: npm test builds it');
  server = await startTestServer();
  const res = await server.api('POST', '/api/users', {
    cookie: server.adminCookie,
    body: { email: author.email, name: author.name, password: author.password },
  });
  author.id = res.body.id;
  projectId = (await server.api('POST', '/api/projects', { cookie: server.adminCookie, body: { kind: 'PMP', title: 'PMP illustré' } })).body.id;
  await server.api('PUT', `/api/projects/${projectId}/members/${author.id}`, { cookie: server.adminCookie, body: { role: 'editor' } });
  browser = await launchChromium();
  page = await openAs(browser, server.url, author, { timeout: 15_000 });
  await openSection(page, projectId, section);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Dispatches a paste with files and/or HTML, as the browser does for Ctrl+V. */
async function paste(files: { name: string; type: string; base64: string }[], html = ''): Promise<void> {
  // At the end of the text: a click could select an image, which the paste would replace.
  await page.focus('.ProseMirror');
  await page.keyboard.down('Control');
  await page.keyboard.press('End');
  await page.keyboard.up('Control');
  await page.evaluate(
    (files, html) => {
      const data = new DataTransfer();
      for (const f of files) data.items.add(new File([Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0))], f.name, { type: f.type }));
      if (html) data.setData('text/html', html);
      document.querySelector('.ProseMirror')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    },
    files,
    html,
  );
}

describe('images in the text (Chromium)', () => {
  it('inserts an image chosen with the toolbar’s « Image » button: uploaded, shown, written for everyone', async () => {
    const file = path.join(tmp, 'organigramme.png');
    fs.writeFileSync(file, png(120, 60, 1));
    await page.click('.ProseMirror');
    const [chooser] = await Promise.all([page.waitForFileChooser(), page.click('.toolbar button[aria-label="Insérer une image"]')]);
    await chooser.accept([file]);
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('.ProseMirror img.text-image');
      return img?.complete === true && img.naturalWidth === 120;
    });
    expect(await notice()).toBe('Image ajoutée.');
    await expect.poll(imageSources).toHaveLength(1);
    expect(imageSources()[0]).toMatch(new RegExp(`^/api/projects/${projectId}/images/[0-9a-f]{64}$`));
  });

  it('uploads a pasted image file and inserts it', async () => {
    await paste([{ name: 'capture.png', type: 'image/png', base64: png(30, 30, 2).toString('base64') }]);
    await expect.poll(imageSources).toHaveLength(2);
    await page.waitForFunction(() =>
      Array.from(document.querySelectorAll<HTMLImageElement>('.ProseMirror img.text-image')).every((i) => i.complete && i.naturalWidth > 0),
    );
  });

  it('keeps a pasted data: image (as Word pastes it) and names an image of another site, which is not written', async () => {
    const dataUri = `data:image/png;base64,${png(10, 10, 3).toString('base64')}`;
    await paste([], `<p>Texte collé</p><img src="${dataUri}" alt="Logo"><img src="https://tracker.example/pixel.png">`);
    await expect.poll(imageSources).toHaveLength(3);
    expect(imageSources().every((src) => src.startsWith(`/api/projects/${projectId}/images/`))).toBe(true);
    await page.waitForFunction(
      () => document.querySelector('.image-notice')?.textContent?.startsWith('Image ajoutée. Une image d’un autre site n’a pas été insérée') === true,
    );
    expect(page.isClosed()).toBe(false);
    expect(await page.$eval('#connection-status', (el) => el.getAttribute('data-state'))).toBe('connected');
  });

  it('names a refused file (an SVG) instead of dropping it silently', async () => {
    await paste([{ name: 'schema.svg', type: 'image/svg+xml', base64: scriptedSvg.toString('base64') }]);
    await page.waitForFunction(() => document.querySelector('.image-notice')?.textContent?.includes('SVG refusé') === true);
    expect(imageSources()).toHaveLength(3);
  });
});
