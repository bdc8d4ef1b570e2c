import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../server/errors';
import { ExportAborted } from '../../server/export/errors';
import { PdfRenderer } from '../../server/export/pdf/pdfRenderer';
import { destinationPages } from '../../server/export/pdf/pdfDestinations';
import { ExportScheduler } from '../../server/export/scheduler';
import { pdfPages } from '../helpers/exportFixtures';

const silent = { debug() {}, info() {}, warn() {}, error() {} };
/** One PDF at a time, `maxWaiting` waiting. */
const pdfLine = (maxWaiting: number) => new ExportScheduler({ concurrency: { pdf: 1, docx: 1 }, maxWaiting });
let listener: http.Server;
let port: number;
const hits: string[] = [];
let renderer: PdfRenderer;

const page = (body: string) => `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>t</title></head><body>${body}</body></html>`;
const longPage = (paragraphs: number) =>
  page(Array.from({ length: paragraphs }, (_, i) => `<h2 id="h${i}">Titre ${i}</h2><p>${'Texte du paragraphe. '.repeat(60)}</p>`).join(''));

beforeAll(async () => {
  listener = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    res.end('x');
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  port = (listener.address() as AddressInfo).port;
  renderer = new PdfRenderer({ chromiumPath: process.env.PMP_CHROMIUM_PATH ?? '/usr/bin/chromium', timeoutMs: 30_000, scheduler: pdfLine(1), logger: silent });
});
afterAll(async () => {
  await renderer.close();
  await new Promise<void>((resolve) => listener.close(() => resolve()));
});

describe('PDF renderer', () => {
  it('runs no script and fetches nothing, even for markup that is not escaped (second line of defence)', async () => {
    const hostile = page(`
      <p>avant</p>
      <img src="http://127.0.0.1:${port}/img.png">
      <iframe src="file:///etc/passwd"></iframe>
      <iframe src="http://127.0.0.1:${port}/frame"></iframe>
      <link rel="stylesheet" href="http://127.0.0.1:${port}/style.css">
      <style>@import url(http://127.0.0.1:${port}/import.css); body { background: url(http://127.0.0.1:${port}/bg.png) }</style>
      <script>document.body.insertAdjacentText('beforeend', 'SCRIPT-RAN'); fetch('http://127.0.0.1:${port}/script')</script>
      <object data="file:///etc/passwd"></object>
      <p>après</p>`);
    const pdf = await renderer.renderSimple(hostile);
    const text = (await pdfPages(pdf)).join('\n');
    expect(text).toContain('avant');
    expect(text).toContain('après');
    expect(text).not.toContain('SCRIPT-RAN');
    expect(text).not.toMatch(/root:.*:0:0:/);
    await new Promise((r) => setTimeout(r, 300));
    expect(hits).toEqual([]);
  }, 60_000);

  it('finds the page of each linked heading from the PDF’s named destinations', async () => {
    const html = page(`<p><a href="#a">a</a> <a href="#b">b</a> <a href="#c">c</a></p>
      <h1 id="a" style="break-before: page">A</h1><h1 id="b" style="break-before: page">B</h1><p style="height: 400mm">long</p><h1 id="c">C</h1>`);
    const pdf = await renderer.renderSimple(html);
    const pages = destinationPages(pdf);
    expect(Object.fromEntries(pages)).toEqual({ a: 2, b: 3, c: 4 });
    expect(destinationPages(new TextEncoder().encode('not a pdf'))).toEqual(new Map());
  }, 60_000);

  it('stops an export whose client left, and keeps working afterwards', async () => {
    const before = renderer.stats().aborted;
    const controller = new AbortController();
    const pending = renderer.renderSimple(longPage(400), { signal: controller.signal });
    setTimeout(() => controller.abort(), 150);
    await expect(pending).rejects.toBeInstanceOf(ExportAborted);
    expect(renderer.stats()).toMatchObject({ aborted: before + 1, active: 0, queued: 0 });
    expect((await renderer.renderSimple(page('<p>encore</p>'))).byteLength).toBeGreaterThan(500);
  }, 60_000);

  it('refuses exports beyond the queue with 503 and drops a waiting export whose client left', async () => {
    const first = renderer.renderSimple(longPage(150));
    const waitingClient = new AbortController();
    const second = renderer.renderSimple(page('<p>2</p>'), { signal: waitingClient.signal });
    const third = renderer.renderSimple(page('<p>3</p>'));
    await expect(third).rejects.toMatchObject({ kind: 'unavailable', code: 'export_busy' });
    expect(renderer.stats().queued).toBe(1);
    waitingClient.abort();
    await expect(second).rejects.toBeInstanceOf(ExportAborted);
    expect(renderer.stats().queued).toBe(0);
    await first;
    expect(renderer.stats().active).toBe(0);
  }, 60_000);

  it('gives up after its timeout', async () => {
    const slow = new PdfRenderer({
      chromiumPath: process.env.PMP_CHROMIUM_PATH ?? '/usr/bin/chromium',
      timeoutMs: 1000,
      scheduler: pdfLine(0),
      logger: silent,
    });
    try {
      const error = await slow.renderSimple(longPage(3000)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ kind: 'unavailable', code: 'export_timeout' });
      expect(slow.stats().timedOut).toBe(1);
    } finally {
      await slow.close();
    }
  }, 60_000);

  it('answers 503 with a French message when Chromium is not installed', async () => {
    const missing = new PdfRenderer({ chromiumPath: '/nonexistent/chromium', timeoutMs: 5000, scheduler: pdfLine(0), logger: silent });
    expect(missing.isAvailable()).toBe(false);
    const error = await missing.renderSimple(page('<p>x</p>')).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'unavailable', code: 'pdf_engine_unavailable' });
    expect((error as Error).message).toMatch(/Chromium n’est pas installé.*\/nonexistent\/chromium/);
  });
});
