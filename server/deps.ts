import type { Config } from './config';
import type { DocxRenderer } from './export/docx/docxRenderer';
import type { ImportConverter } from './import/importConverter';
import type { PdfRenderer } from './export/pdf/pdfRenderer';
import type { UserExportSlots } from './export/userSlots';
import type { Mailer } from './governance/mailer';
import type { LiveDocuments } from './liveDocuments';
import type { Logger } from './log';
import type { Policy } from './policies/can';
import type { DocumentTextIndex } from './queries/documentTextIndex';
import type { Store } from './store';

/** Why a user's open collaboration sockets are closed at once (docs/ARCHITECTURE.md, revocation). */
export type SocketRevocation = 'rightsChanged' | 'removed' | 'loggedOut' | 'deactivated';

/** The open collaboration sockets, as commands see them: closed when their user's rights end. */
export interface OpenSockets {
  /** Closes the matching sockets (a user, on one project or through one session); returns how many. */
  revoke(target: { userId: string; projectId?: string; sessionHash?: string }, why: SocketRevocation): number;
}

/** What every use case may touch. */
export interface Deps {
  config: Config;
  store: Store;
  policy: Policy;
  /** The loaded documents (collab/registry.ts). */
  registry: LiveDocuments;
  sockets: OpenSockets;
  logger: Logger;
  /** The shared Chromium behind PDF exports (started on the first export). */
  pdf: PdfRenderer;
  /** DOCX exports, rendered in worker threads; PDF and DOCX share one ExportScheduler. */
  docx: DocxRenderer;
  /** One export of each format per user at a time. */
  exportSlots: UserExportSlots;
  /** DOCX/ODT conversions of imports, in worker threads. */
  importConverter: ImportConverter;
  /** SMTP from PMP_SMTP_URL (reminders, invitations, password links); null when e-mail is not configured. */
  mailer: Mailer | null;
  /** The searchable text of documents and frozen versions, extracted on demand (GET /api/search). */
  textIndex: DocumentTextIndex;
}
