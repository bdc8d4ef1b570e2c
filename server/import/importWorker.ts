import { parentPort } from 'node:worker_threads';
import { DomainError } from '../errors';
import { lowerThisThreadPriority } from '../threadPriority';
import { convertUpload, type ConvertInput, type ConvertOutcome } from './convertUpload';

/** A refusal crosses the thread boundary as plain data; the serving thread throws it again. */
export interface ConvertRefusal {
  kind: DomainError['kind'];
  code: string;
  message: string;
  fields?: DomainError['fields'];
}

export type ConvertResult = { ok: true; outcome: ConvertOutcome } | { ok: false; refusal: ConvertRefusal | null; error: string };

lowerThisThreadPriority();

/** Converts one upload at a time (ImportConverter sends a thread one job and waits for its answer). */
parentPort?.on('message', (job: ConvertInput) => {
  convertUpload(job).then(
    (outcome) => {
      // The images' bytes are moved, not copied (each its own buffer: a pooled slice must not be transferred).
      const transfer: ArrayBuffer[] = [];
      for (const image of outcome.kind === 'converted' ? outcome.images : []) {
        const own = new Uint8Array(image.data);
        image.data = Buffer.from(own.buffer, 0, own.byteLength);
        transfer.push(own.buffer);
      }
      parentPort!.postMessage({ ok: true, outcome } satisfies ConvertResult, transfer);
    },
    (error: unknown) => {
      const refusal = error instanceof DomainError ? { kind: error.kind, code: error.code, message: error.message, fields: error.fields } : null;
      parentPort!.postMessage({ ok: false, refusal, error: String(error) } satisfies ConvertResult);
    },
  );
});
