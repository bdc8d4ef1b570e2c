import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { renderDocx } from '../server/export/docx/renderDocx';
import { renderDocumentHtml } from '../server/export/html/renderHtml';
import { PdfRenderer } from '../server/export/pdf/pdfRenderer';
import { ExportScheduler } from '../server/export/scheduler';
import { sampleDocumentModel } from '../fixtures/sampleDocument';

/**
 * Export benchmark: a realistic PMP of about N pages (server/export/sampleDocument.ts) exported
 * to PDF and DOCX, at 10, 100 and 300 pages: cold (the first export after the server started:
 * Chromium is launched for it) and warm (the browser is running and one export of that size was
 * made before timing). Targets: PDF 100 pages < 3 s warm, DOCX < 1 s, 300 pages without
 * running out of memory. Run alone: `node --import tsx bench/export.ts [runs]`; the bench runner
 * imports `runExportBench` and `exportResultsMarkdown`.
 */

const run = promisify(execFile);

export interface ExportTiming {
  requestedPages: number;
  pages: number;
  runs: number;
  /** Y.Doc → document model → HTML, milliseconds (median). */
  prepareMs: number;
  /** First export with no browser running: Chromium's launch, then a two-pass layout. */
  pdfColdMs: number;
  pdfMedianMs: number;
  pdfMaxMs: number;
  /** CPU seconds one PDF export costs (Chromium's processes and this one), median: independent of the machine's load. */
  pdfCpuSeconds: number;
  /** The same content exported again: its table-of-contents pages are known, one pass. */
  pdfRepeatMedianMs: number;
  /** The first DOCX of this size in the process (DOCX needs no other process: cold is only this). */
  docxFirstMs: number;
  docxMedianMs: number;
  docxMaxMs: number;
  pdfBytes: number;
  docxBytes: number;
}

export interface ExportBenchResult {
  timings: ExportTiming[];
  /** Peak resident memory of this Node process and of the Chromium processes, MiB. */
  nodePeakRssMiB: number;
  chromiumPeakRssMiB: number;
  chromiumPath: string;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const mib = (bytes: number): number => Math.round(bytes / 1024 / 1024);

async function pdfPageCount(pdf: Uint8Array): Promise<number> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pmp-bench-')), 'doc.pdf');
  fs.writeFileSync(file, pdf);
  const { stdout } = await run('pdfinfo', [file]);
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  return Number(/^Pages:\s+(\d+)/m.exec(stdout)?.[1] ?? 0);
}

/** CPU seconds (user + system) used so far by a process and all its descendants. */
function treeCpuSeconds(rootPid: number): number {
  let ticks = 0;
  for (const pid of treePids(rootPid)) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      /* gone */
    }
  }
  return ticks / 100;
}

function treePids(rootPid: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      /* the process ended meanwhile */
    }
  }
  const inTree = (pid: number): boolean => {
    for (let p: number | undefined = pid, depth = 0; p && depth < 16; p = parents.get(p), depth++) if (p === rootPid) return true;
    return false;
  };
  return [...parents.keys()].filter(inTree);
}

/** Resident memory of a process and all its descendants (Chromium's renderers), bytes. */
function treeRss(rootPid: number): number {
  let total = 0;
  for (const pid of treePids(rootPid)) {
    try {
      total += Number(/^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
    } catch {
      /* gone */
    }
  }
  return total;
}

export async function runExportBench(options: { runs?: number; sizes?: number[]; chromiumPath?: string } = {}): Promise<ExportBenchResult> {
  const runs = options.runs ?? 5;
  const chromiumPath = options.chromiumPath ?? process.env.PMP_CHROMIUM_PATH ?? '/usr/bin/chromium';
  const logger = { debug() {}, info() {}, warn: console.warn, error: console.error };
  const renderer = new PdfRenderer({
    chromiumPath,
    timeoutMs: 300_000,
    scheduler: new ExportScheduler({ concurrency: { pdf: 1, docx: 1 }, maxWaiting: 0 }),
    logger,
  });
  let nodePeak = 0;
  let chromiumPeak = 0;
  let chromiumPid: number | null = null;
  const sampler = setInterval(() => {
    nodePeak = Math.max(nodePeak, process.memoryUsage().rss);
    if (chromiumPid) chromiumPeak = Math.max(chromiumPeak, treeRss(chromiumPid));
  }, 100);
  const sampleModel = (pages: number, title: string) => sampleDocumentModel({ pages, title });
  /** A fresh renderer, so the export starts Chromium as the first one after a server start does. */
  const coldPdf = async (pages: number): Promise<number> => {
    const cold = new PdfRenderer({
      chromiumPath,
      timeoutMs: 300_000,
      scheduler: new ExportScheduler({ concurrency: { pdf: 1, docx: 1 }, maxWaiting: 0 }),
      logger,
    });
    try {
      const html = renderDocumentHtml(await sampleModel(pages, `Projet médical partagé 2026–2030 — à froid ${pages}`));
      const t = performance.now();
      await cold.renderDocument(html);
      return performance.now() - t;
    } finally {
      await cold.close();
    }
  };
  try {
    const coldMs = new Map<number, number>();
    for (const requested of options.sizes ?? [10, 100, 300]) coldMs.set(requested, await coldPdf(requested));
    await renderer.warm();
    chromiumPid = await renderer.browserPid();
    const timings: ExportTiming[] = [];
    for (const requested of options.sizes ?? [10, 100, 300]) {
      const prepare: number[] = [];
      const pdfMs: number[] = [];
      const docxMs: number[] = [];
      const pdfCpu: number[] = [];
      let lastHtml: ReturnType<typeof renderDocumentHtml> | null = null;
      let pdf: Uint8Array = new Uint8Array();
      let docx: Uint8Array = new Uint8Array();
      let docxFirst = NaN;
      // One untimed export first: the browser is warm, but each size has its own first layout.
      for (let i = -1; i < runs; i++) {
        const t0 = performance.now();
        // A new title each run: a first export (two passes), not one whose layout is known.
        const model = await sampleModel(requested, `Projet médical partagé 2026–2030 — essai ${i + 2}`);
        const html = renderDocumentHtml(model);
        lastHtml = html;
        const t1 = performance.now();
        const cpuBefore = (chromiumPid ? treeCpuSeconds(chromiumPid) : 0) + process.cpuUsage().user / 1e6 + process.cpuUsage().system / 1e6;
        pdf = await renderer.renderDocument(html);
        const t2 = performance.now();
        const cpuAfter = (chromiumPid ? treeCpuSeconds(chromiumPid) : 0) + process.cpuUsage().user / 1e6 + process.cpuUsage().system / 1e6;
        docx = await renderDocx(model);
        const t3 = performance.now();
        if (i < 0) {
          docxFirst = t3 - t2;
          continue;
        }
        prepare.push(t1 - t0);
        pdfMs.push(t2 - t1);
        pdfCpu.push(cpuAfter - cpuBefore);
        docxMs.push(t3 - t2);
      }
      // The same content exported again (a frozen version downloaded twice, the package).
      const repeatMs: number[] = [];
      for (let i = 0; i < Math.min(3, runs); i++) {
        const t = performance.now();
        await renderer.renderDocument(lastHtml!);
        repeatMs.push(performance.now() - t);
      }
      timings.push({
        requestedPages: requested,
        pages: await pdfPageCount(pdf),
        runs,
        prepareMs: Math.round(median(prepare)),
        pdfColdMs: Math.round(coldMs.get(requested)!),
        pdfMedianMs: Math.round(median(pdfMs)),
        pdfMaxMs: Math.round(Math.max(...pdfMs)),
        pdfCpuSeconds: Math.round(median(pdfCpu) * 100) / 100,
        pdfRepeatMedianMs: Math.round(median(repeatMs)),
        docxFirstMs: Math.round(docxFirst),
        docxMedianMs: Math.round(median(docxMs)),
        docxMaxMs: Math.round(Math.max(...docxMs)),
        pdfBytes: pdf.byteLength,
        docxBytes: docx.byteLength,
      });
    }
    return { timings, nodePeakRssMiB: mib(nodePeak), chromiumPeakRssMiB: mib(chromiumPeak), chromiumPath };
  } finally {
    clearInterval(sampler);
    await renderer.close();
  }
}

export function exportResultsMarkdown(result: ExportBenchResult): string {
  const lines = [
    '| pages (PDF) | runs | model + HTML (median) | PDF cold | PDF warm median | PDF warm max | PDF CPU (median) | PDF again (same content) | DOCX first | DOCX median | DOCX max | PDF size | DOCX size |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...result.timings.map(
      (t) =>
        `| ${t.pages} | ${t.runs} | ${t.prepareMs} ms | ${t.pdfColdMs} ms | ${t.pdfMedianMs} ms | ${t.pdfMaxMs} ms | ${t.pdfCpuSeconds} s | ${t.pdfRepeatMedianMs} ms | ${t.docxFirstMs} ms | ${t.docxMedianMs} ms | ${t.docxMaxMs} ms | ${Math.round(t.pdfBytes / 1024)} KiB | ${Math.round(t.docxBytes / 1024)} KiB |`,
    ),
    '',
    `Peak memory: Node ${result.nodePeakRssMiB} MiB RSS, Chromium (all processes) ${result.chromiumPeakRssMiB} MiB RSS. ` +
      "PDF cold: the first export after a server start, Chromium launched for it. PDF warm median/max/CPU: first export of a content (two layout passes) with the browser running; CPU = CPU seconds of Chromium's processes and of Node during it, independent of the machine's load. " +
      'PDF again: the same content exported again (its table-of-contents pages known: one pass).',
  ];
  return lines.join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const runs = Number(process.argv[2] ?? 5);
  runExportBench({ runs })
    .then((result) => console.log(exportResultsMarkdown(result)))
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
