import { parentPort } from 'node:worker_threads';
import { lowerThisThreadPriority } from '../../threadPriority';
import type { ModelContext } from '../model/build';
import { modelFromState } from '../model/fromState';
import type { DocumentMeta } from '../model/types';
import { renderDocx } from './renderDocx';
import { loadRichText } from '../../richText/runtime';

/** A request from DocxRenderer: a document's encoded Y.Doc state and what the Y.Doc does not know. */
export interface DocxJob {
  state: Uint8Array;
  context: ModelContext;
}

export type DocxResult = { ok: true; data: Uint8Array; meta: DocumentMeta } | { ok: false; error: string };

lowerThisThreadPriority();

/**
 * Builds the document model and renders the DOCX off the serving thread, one job at a time
 * (DocxRenderer sends a thread one job and waits for its answer).
 */
parentPort?.on('message', (job: DocxJob) => {
  // The model reads the sections' text through Tiptap's schema, loaded with the thread's first job.
  loadRichText()
    .then(async () => {
      const model = modelFromState(job.state, job.context);
      return { buffer: await renderDocx(model), meta: model.meta };
    })
    .then(
      ({ buffer, meta }) => {
        // A copy of its own: a small Buffer is a slice of a shared pool, which must not be transferred.
        const data = new Uint8Array(buffer);
        parentPort!.postMessage({ ok: true, data, meta } satisfies DocxResult, [data.buffer]);
      },
      (error: unknown) => parentPort!.postMessage({ ok: false, error: String(error) } satisfies DocxResult),
    );
});
