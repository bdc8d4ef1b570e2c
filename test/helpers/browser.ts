import fs from 'node:fs';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { tempDir } from './testServer';

export const chromiumPath = process.env.PMP_CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium, headless, with a fresh profile and no background traffic. */
export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  if (!fs.existsSync(chromiumPath)) {
    throw new Error(`Chromium introuvable (${chromiumPath}) : lancez « npm test », qui l’installe, ou apt-get install chromium`);
  }
  return puppeteer.launch({
    executablePath: chromiumPath,
    headless: true,
    userDataDir: tempDir('pmp-chromium-'),
    // Exits with the test process, even a killed one (see server/export/pdf/browser.ts).
    pipe: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...extraArgs,
    ],
  });
}

/** Clicks an element once it exists, retrying until the click lands (views re-render while loading). */
export async function clickWhenReady(page: Page, selector: string): Promise<void> {
  await page.waitForSelector(selector);
  await page.waitForFunction(
    (sel) => {
      const el = document.querySelector<HTMLElement>(sel);
      el?.click();
      return el !== null;
    },
    { polling: 100 },
    selector,
  );
}
