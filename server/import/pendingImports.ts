import { randomUUID } from 'node:crypto';
import type { SourceFormat } from './archive';
import type { SourceImage } from './docxToHtml';
import type { ExternalReference } from './externalReferences';
import { importLimits } from './importLimits';
import type { MappingLine } from './mapping';
import type { Alteration, SourcePart } from './sourceParts';

/** What the preview tells the user before anything is written (docs/API.md, imports). */
export interface ImportReport {
  fileName: string;
  format: SourceFormat;
  bytes: number;
  sha256: string;
  /** Parts of the source (one per heading of level 1–3, plus the text before the first). */
  parts: number;
  /** Tables recognised as structured parts, by part. */
  structured: { partId: string; heading: string | null; label: string }[];
  /** Everything the conversion left out or changed. */
  dropped: Alteration[];
  /** Linked images, remote templates: never fetched, listed here. */
  externalReferences: ExternalReference[];
  images: { found: number };
}

/** A converted file waiting for its mapping to be confirmed. */
export interface PendingImport {
  id: string;
  projectId: string;
  userId: string;
  createdAt: number;
  parts: SourcePart[];
  images: SourceImage[];
  mapping: MappingLine[];
  report: ImportReport;
  /** Set once applied: what undo needs. */
  applied?: AppliedImport;
}

export interface AppliedImport {
  at: string;
  /** Each section the import wrote, with its text before and after (ProseMirror JSON). */
  sections: { sectionId: string; before: unknown; after: unknown }[];
  /** The « À classer » section it created, if any. */
  createdSectionId: string | null;
  indicatorRows: { ownerId: string; rowId: string }[];
  filieres: { id: string; created: boolean; cells: { key: string; before: string | null }[] }[];
  undone: boolean;
}

/**
 * Previews kept in memory until applied (and then for undo), for `pendingTtlMs`: a restart
 * forgets them (the user uploads again). Bounded in number, the oldest dropped first.
 */
export class PendingImports {
  private readonly byId = new Map<string, PendingImport>();

  add(entry: Omit<PendingImport, 'id' | 'createdAt'>): PendingImport {
    this.expire();
    while (this.byId.size >= importLimits.maxPendingImports) this.byId.delete(this.byId.keys().next().value!);
    const pending: PendingImport = { ...entry, id: randomUUID(), createdAt: Date.now() };
    this.byId.set(pending.id, pending);
    return pending;
  }

  get(projectId: string, id: string): PendingImport | undefined {
    this.expire();
    const pending = this.byId.get(id);
    return pending?.projectId === projectId ? pending : undefined;
  }

  private expire(): void {
    const now = Date.now();
    for (const [id, pending] of this.byId) if (now - pending.createdAt > importLimits.pendingTtlMs) this.byId.delete(id);
  }
}
