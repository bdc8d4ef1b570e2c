import type { Browser, Page } from 'puppeteer-core';
import { clickWhenReady } from './browser';

/** A fresh browser context signed in through the login page, on "Mes projets". */
export async function openAs(
  browser: Browser,
  baseUrl: string,
  person: { email: string; password: string },
  opts: { downloads?: string; timeout?: number } = {},
): Promise<Page> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  page.setDefaultTimeout(opts.timeout ?? 20_000);
  if (opts.downloads) {
    const cdp = await page.createCDPSession();
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: opts.downloads });
  }
  await page.goto(`${baseUrl}/#/connexion`);
  await page.waitForSelector('#login-email');
  await page.type('#login-email', person.email);
  await page.type('#login-password', person.password);
  await page.click('#login-submit');
  await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Mes projets', { polling: 100 });
  return page;
}

/** Waits until an element matching `selector` shows `needle` (white space collapsed). */
export async function waitText(page: Page, selector: string, needle: string, timeout = 20_000): Promise<void> {
  await page.waitForFunction(
    (sel, n) => [...document.querySelectorAll(sel)].some((el) => (el as HTMLElement).innerText.replace(/\s+/g, ' ').includes(n)),
    { polling: 100, timeout },
    selector,
    needle,
  );
}

/** From "Mes projets", opens a project's section and waits until its text can be written live. */
export async function openSection(page: Page, projectId: string, sectionId: string): Promise<void> {
  await clickWhenReady(page, `a[data-project-id="${projectId}"]`);
  await clickWhenReady(page, `[data-section-id="${sectionId}"]`);
  await page.waitForSelector('.ProseMirror[contenteditable="true"]');
  await page.waitForFunction(() => document.querySelector('#connection-status')?.getAttribute('data-state') === 'connected', { polling: 100 });
}
