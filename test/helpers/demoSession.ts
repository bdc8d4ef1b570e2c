import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import { editorDist } from '../../server/http/app';
import { demoPassword } from '../../server/seed/demo';
import { launchChromium } from './browser';
import { startTestServer, type TestServer } from './testServer';
import { demoPmpTitle } from '../../server/seed/demoContent';

export interface DemoSession {
  server: TestServer;
  browser: Browser;
  /** The demo PMP's id. */
  pmpId: string;
  /** The PMP's coordinator (Dr Claire Martin), signed in through the API. */
  cookie: string;
  close(): Promise<void>;
}

/** The demo server, its PMP and a Chromium, for the e2e tests that work on the demo PMP. */
export async function startDemoSession(): Promise<DemoSession> {
  if (!fs.existsSync(path.join(editorDist, 'index.html'))) throw new Error('editor/dist is missing: npm test builds it');
  const server = await startTestServer({ demo: true });
  const cookie = await server.login('claire.martin@demo.ght.fr', demoPassword);
  const projects = (await server.api('GET', '/api/projects', { cookie })).body as { id: string; title: string }[];
  const pmpId = projects.find((p) => p.title === demoPmpTitle)!.id;
  const browser = await launchChromium();
  return {
    server,
    browser,
    pmpId,
    cookie,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}
