import { parentPort } from 'node:worker_threads';
import { lowerThisThreadPriority } from '../../../threadPriority';
import { toPdfA, type ArchivalInfo, type ArchivalReport } from './toPdfA';

/** A request from ArchivalThread: Chromium's PDF and what the archival file says about itself. */
export interface PdfaJob {
  pdf: Uint8Array;
  info: ArchivalInfo;
}

export type PdfaResult = { ok: true; pdf: Uint8Array; report: ArchivalReport } | { ok: false; error: string };

lowerThisThreadPriority();

/** One job at a time: ArchivalThread sends a job and waits for its answer. */
parentPort?.on('message', (job: PdfaJob) => {
  toPdfA(job.pdf, job.info).then(
    ({ pdf, report }) => parentPort?.postMessage({ ok: true, pdf, report } satisfies PdfaResult, [pdf.buffer as ArrayBuffer]),
    (error: unknown) => parentPort?.postMessage({ ok: false, error: String(error) } satisfies PdfaResult),
  );
});
