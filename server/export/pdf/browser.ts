import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import type { Logger } from '../../log';
import { pdfEngineFailed, pdfEngineMissing } from './errors';

/** Flags for a headless Chromium that renders and does nothing else (no updates, sync, GPU). */
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-extensions',
  '--disable-default-apps',
  '--disable-dev-shm-usage',
  '--no-first-run',
  '--no-default-browser-check',
  '--mute-audio',
  '--font-render-hinting=none',
];

/**
 * One long-lived Chromium shared by every export: launched on first use (about 1 s), kept
 * warm, launched again if it dies, closed with the server.
 */
export class ChromiumHost {
  private browser: Promise<Browser> | null = null;
  private userDataDir: string | null = null;

  constructor(
    private readonly executablePath: string,
    private readonly logger: Logger,
  ) {}

  /** True when the configured executable exists and may be run. */
  isInstalled(): boolean {
    try {
      fs.accessSync(this.executablePath, fs.constants.X_OK);
      return fs.statSync(this.executablePath).isFile();
    } catch {
      return false;
    }
  }

  get(): Promise<Browser> {
    if (!this.isInstalled()) return Promise.reject(pdfEngineMissing(this.executablePath));
    this.browser ??= this.launch();
    return this.browser;
  }

  private async launch(): Promise<Browser> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pmp-chromium-'));
    this.userDataDir = dir;
    const started = Date.now();
    try {
      // Loaded with the first export: puppeteer-core holds about 30 MiB that a server nobody
      // exports from does not need.
      const { default: puppeteer } = await import('puppeteer-core');
      const browser = await puppeteer.launch({
        executablePath: this.executablePath,
        headless: true,
        userDataDir: dir,
        args: chromiumArgs,
        // DevTools over the process's stdin/stdout rather than a port: when the server dies, even
        // by SIGKILL, the pipe closes and Chromium exits instead of running on as an orphan.
        pipe: true,
        // The server handles its own signals and closes the browser on shutdown.
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
      });
      browser.once('disconnected', () => {
        this.browser = null;
        fs.rm(dir, { recursive: true, force: true }, () => {});
      });
      this.logger.info('chromium started', { ms: Date.now() - started });
      return browser;
    } catch (error) {
      this.browser = null;
      fs.rm(dir, { recursive: true, force: true }, () => {});
      this.logger.error('chromium failed to start', { error: String(error) });
      throw pdfEngineFailed();
    }
  }

  /** Process id of the running browser, if any (monitoring, benchmarks). */
  async pid(): Promise<number | null> {
    if (!this.browser) return null;
    return (await this.browser.catch(() => null))?.process()?.pid ?? null;
  }

  /** Forgets a browser that misbehaved, so the next export starts a new one. */
  async discard(): Promise<void> {
    const current = this.browser;
    this.browser = null;
    if (current) await current.then((b) => b.close()).catch(() => {});
  }

  async close(): Promise<void> {
    await this.discard();
    if (this.userDataDir) fs.rmSync(this.userDataDir, { recursive: true, force: true });
  }
}
