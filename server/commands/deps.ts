import type { DocumentRegistry } from '../collab/registry';
import type { Config } from '../config';
import type { DocxRenderer } from '../export/docx/docxRenderer';
import type { PdfRenderer } from '../export/pdf/pdfRenderer';
import type { UserExportSlots } from '../export/userSlots';
import type { Logger } from '../log';
import type { Policy } from '../policies/can';
import type { Store } from '../store';

/** What every use case may touch. */
export interface Deps {
  config: Config;
  store: Store;
  policy: Policy;
  registry: DocumentRegistry;
  logger: Logger;
  /** The shared Chromium behind PDF exports (started on the first export). */
  pdf: PdfRenderer;
  /** DOCX exports, rendered in worker threads; PDF and DOCX share one ExportScheduler. */
  docx: DocxRenderer;
  /** One export of each format per user at a time. */
  exportSlots: UserExportSlots;
}
