import type { Page } from 'puppeteer-core';
import { DomainError } from '../../errors';
import type { Logger } from '../../log';
import type { DocumentHtml } from '../html/renderHtml';
import { fillToc, renderTocHtml } from '../html/renderHtml';
import { ChromiumHost } from './browser';
import { ExportAborted, exportTimedOut } from '../errors';
import type { ExportScheduler, ScheduleOptions } from '../scheduler';
import { pdfEngineFailed } from './errors';
import { destinationPages } from './pdfDestinations';
import { ArchivalThread } from './archival/archivalThread';
import type { ArchivalInfo, ArchivalReport } from './archival/toPdfA';

export interface PdfRendererOptions {
  chromiumPath: string;
  /** An export running longer is stopped (its page closed). */
  timeoutMs: number;
  /** The line shared with DOCX exports (kind 'pdf': how many pages at once, how many wait). */
  scheduler: ExportScheduler;
  logger: Logger;
}

/** Counters for monitoring and tests. */
export interface PdfStats {
  rendered: number;
  aborted: number;
  timedOut: number;
  failed: number;
  /** Documents printed in one pass, their table-of-contents pages known from an earlier export. */
  layoutsReused: number;
  active: number;
  queued: number;
}

/** A4, tagged (PDF/UA structure), with bookmarks from the headings; sizes come from @page. */
const finalPdfOptions = { format: 'A4', printBackground: true, preferCSSPageSize: true, tagged: true, outline: true } as const;
/** Documents whose table-of-contents pages are remembered. */
const tocCacheSize = 64;
/** The first pass only needs the layout: no tags, no outline, no backgrounds. */
const layoutPdfOptions = { format: 'A4', printBackground: false, preferCSSPageSize: true, tagged: false, outline: false } as const;

/**
 * HTML → PDF with Chromium, safely: JavaScript off, every request but `data:` aborted, content
 * given with setContent (never a file:// URL). Exports wait in the shared ExportScheduler, each
 * has a timeout and stops when its client leaves.
 */
export class PdfRenderer {
  private readonly host: ChromiumHost;
  /** Chromium's tagged PDF → PDF/A-2 (metadata, output intent, artifacts), off the serving thread. */
  private readonly archival = new ArchivalThread();
  /** What the last conversion found (tests, monitoring). */
  lastArchivalReport: ArchivalReport | null = null;
  private readonly counters = { rendered: 0, aborted: 0, timedOut: 0, failed: 0, layoutsReused: 0 };
  /** Table-of-contents pages of recent documents, by Chromium version and layout key (LRU). */
  private readonly tocPages = new Map<string, Map<string, number>>();

  constructor(private readonly options: PdfRendererOptions) {
    this.host = new ChromiumHost(options.chromiumPath, options.logger);
  }

  isAvailable(): boolean {
    return this.host.isInstalled();
  }

  stats(): PdfStats {
    const { scheduler } = this.options;
    return { ...this.counters, active: scheduler.active('pdf'), queued: scheduler.queued('pdf') };
  }

  /** Process id of the shared Chromium, when it runs. */
  browserPid(): Promise<number | null> {
    return this.host.pid();
  }

  /** Starts Chromium ahead of the first export (optional: it starts on demand otherwise). */
  async warm(): Promise<void> {
    await this.host.get();
  }

  /**
   * A full document. First export of a content: two passes on one page load — the first lays
   * it out and reads, from the PDF's named destinations, the page each table-of-contents link
   * points to; the numbers are then written into the table of contents (its page column has a
   * fixed width, so nothing moves) and the tagged PDF is printed. The pages are remembered by
   * layout key, so exporting the same content again (a frozen version, the package) takes one
   * pass.
   */
  renderDocument(document: DocumentHtml | (() => DocumentHtml), options: ScheduleOptions = {}): Promise<Uint8Array> {
    // Given as a function, the document is built once the slot is held: a burst of requests then
    // builds one document at a time on the serving thread (60–160 ms each for 100–300 pages).
    return this.withPage(options, (page) => this.printDocument(page, typeof document === 'function' ? document() : document));
  }

  private async printDocument(page: Page, document: DocumentHtml): Promise<Uint8Array> {
    const key = `${await page.browser().version()}:${document.layoutKey}`;
    const known = this.tocPages.get(key);
    if (known) {
      this.tocPages.delete(key);
      this.tocPages.set(key, known);
      this.counters.layoutsReused++;
      await page.setContent(document.withPages(known), { waitUntil: 'load' });
      return this.archive(await page.pdf(finalPdfOptions), document.archival);
    }
    await page.setContent(document.html, { waitUntil: 'load' });
    const pages = destinationPages(await page.pdf(layoutPdfOptions));
    if (pages.size === 0) this.options.logger.warn('pdf export: no heading pages found, contents without page numbers');
    const cdp = await page.createCDPSession();
    const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
    const tocNode = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: '#toc' });
    if (tocNode.nodeId) await cdp.send('DOM.setOuterHTML', { nodeId: tocNode.nodeId, outerHTML: renderTocHtml(fillToc(document.toc, pages)) });
    await cdp.detach();
    const pdf = await page.pdf(finalPdfOptions);
    this.tocPages.set(key, pages);
    if (this.tocPages.size > tocCacheSize) this.tocPages.delete(this.tocPages.keys().next().value!);
    return this.archive(pdf, document.archival);
  }

  /** A short document without table of contents (an act, the timeline): one pass. */
  renderSimple(html: string, options: ScheduleOptions = {}, info: ArchivalInfo = {}): Promise<Uint8Array> {
    return this.withPage(options, async (page) => {
      await page.setContent(html, { waitUntil: 'load' });
      return this.archive(await page.pdf(finalPdfOptions), info);
    });
  }

  /**
   * The PDFs of a package in one slot and one page: the document, then the short annexes. Held
   * once, the slot cannot go to a waiting ad-hoc export between the package's files.
   */
  renderPackage(document: DocumentHtml, annexes: string[], options: ScheduleOptions = {}): Promise<{ document: Uint8Array; annexes: Uint8Array[] }> {
    return this.withPage(options, async (page) => {
      const documentPdf = await this.printDocument(page, document);
      const annexPdfs: Uint8Array[] = [];
      for (const html of annexes) {
        await page.setContent(html, { waitUntil: 'load' });
        annexPdfs.push(await this.archive(await page.pdf(finalPdfOptions), { author: document.archival.author }));
      }
      return { document: documentPdf, annexes: annexPdfs };
    });
  }

  async close(): Promise<void> {
    await Promise.all([this.host.close(), this.archival.close()]);
  }

  /** Every PDF leaves as PDF/A-2 (docs/EXPORTS.md says which clauses and how they are checked). */
  private async archive(pdf: Uint8Array, info: ArchivalInfo): Promise<Uint8Array> {
    const archived = await this.archival.convert(pdf, info);
    this.lastArchivalReport = archived.report;
    return archived.pdf;
  }

  private withPage<T>(options: ScheduleOptions, work: (page: Page) => Promise<T>): Promise<T> {
    const { signal } = options;
    return this.options.scheduler.run(
      'pdf',
      async () => {
        this.archival.warm();
        const browser = await this.host.get();
        const stop = new AbortController();
        let timedOut = false;
        const timer = setTimeout(() => {
          timedOut = true;
          stop.abort();
        }, this.options.timeoutMs);
        const onClientGone = () => stop.abort();
        signal?.addEventListener('abort', onClientGone, { once: true });
        let page: Page | null = null;
        // Closing the page makes whatever Chromium is doing for it (setContent, pdf) fail at once.
        stop.signal.addEventListener('abort', () => void page?.close().catch(() => {}), { once: true });
        try {
          if (signal?.aborted) throw new ExportAborted();
          page = await browser.newPage();
          if (stop.signal.aborted) throw new ExportAborted();
          await lockDown(page);
          const result = await work(page);
          this.counters.rendered++;
          return result;
        } catch (error) {
          if (timedOut) {
            this.counters.timedOut++;
            throw exportTimedOut(Math.round(this.options.timeoutMs / 1000));
          }
          if (stop.signal.aborted || error instanceof ExportAborted) {
            this.counters.aborted++;
            throw new ExportAborted();
          }
          if (error instanceof DomainError) throw error;
          this.counters.failed++;
          this.options.logger.error('pdf export failed', { error: String(error) });
          if (!browser.connected) await this.host.discard();
          throw pdfEngineFailed();
        } finally {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onClientGone);
          if (page && !page.isClosed()) await page.close().catch(() => {});
        }
      },
      options,
    );
  }
}

/** The print page runs no script and may fetch nothing but inline `data:` resources. */
async function lockDown(page: Page): Promise<void> {
  await page.setJavaScriptEnabled(false);
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    if (request.isInterceptResolutionHandled()) return;
    if (request.url().startsWith('data:')) void request.continue();
    else void request.abort('blockedbyclient');
  });
}
