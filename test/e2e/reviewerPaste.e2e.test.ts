import type { Browser, Page } from 'puppeteer-core';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fragmentName } from '../../schemas/docLayout';
import { launchChromium } from '../helpers/browser';
import { openAs, openSection } from '../helpers/browserSession';
import { png } from '../helpers/images';
import { startTestServer, type TestServer } from '../helpers/testServer';

/**
 * A reviewer pastes text copied with an image (Word, a web page) into a section still empty.
 * Found in this test: the server refused a reviewer's first suggestion in an empty section (the
 * paragraph it writes changed the "text outside suggestions"), closed the connection and lost the
 * suggestion. Now the suggestion is stored; the image, which cannot be a suggestion, is left out
 * and the page says so; the connection stays up.
 */
let server: TestServer;
let browser: Browser;
let page: Page;
let projectId: string;
const reviewer = { name: 'Inès Faure', email: 'faure@relecture.fr', password: 'password-of-Ines', id: '' };
const section = 'objectifs-medicaux';

const fragment = () => server.deps.registry.get(projectId).doc.getXmlFragment(fragmentName(section));
const imageCount = (): number => {
  let count = 0;
  const walk = (node: Y.XmlFragment | Y.XmlElement) =>
    node.toArray().forEach((child) => {
      if (child instanceof Y.XmlElement) {
        if (child.nodeName === 'image') count++;
        walk(child);
      }
    });
  walk(fragment());
  return count;
};
const connectionState = () => page.$eval('#connection-status', (el) => el.getAttribute('data-state'));

beforeAll(async () => {
  server = await startTestServer();
  const res = await server.api('POST', '/api/users', {
    cookie: server.adminCookie,
    body: { email: reviewer.email, name: reviewer.name, password: reviewer.password },
  });
  reviewer.id = res.body.id;
  projectId = (await server.api('POST', '/api/projects', { cookie: server.adminCookie, body: { kind: 'PM', title: 'PM relu' } })).body.id;
  await server.api('PUT', `/api/projects/${projectId}/members/${reviewer.id}`, { cookie: server.adminCookie, body: { role: 'reviewer' } });
  browser = await launchChromium();
  page = await openAs(browser, server.url, reviewer, { timeout: 15_000 });
  await openSection(page, projectId, section);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a reviewer pastes text with an image (Chromium)', () => {
  it('keeps the text as a suggestion, leaves the image out and says so; the connection stays up', async () => {
    const dataUri = `data:image/png;base64,${png(20, 20, 3).toString('base64')}`;
    await page.focus('.ProseMirror');
    await page.evaluate((html) => {
      const data = new DataTransfer();
      data.setData('text/html', html);
      document.querySelector('.ProseMirror')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, `<p>Proposition collée depuis Word</p><img src="${dataUri}" alt="Logo">`);
    await expect.poll(() => fragment().toString(), { timeout: 10_000 }).toContain('Proposition collée depuis Word');
    expect(fragment().toString()).toContain('suggestionInsert');
    expect(await page.$eval('.image-notice', (el) => el.textContent ?? '')).toContain('une image ne peut pas être proposée en suggestion');
    // A refused update would close the socket within a round trip; give it time to happen.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await connectionState()).toBe('connected');
    expect(imageCount()).toBe(0);
  });
});
