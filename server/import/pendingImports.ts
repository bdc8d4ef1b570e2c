import { randomUUID } from 'node:crypto';
import type { ImportReport } from '../../schemas/api/imports';
import type { SourceImage } from './docxToHtml';
import { importLimits } from './importLimits';
import type { MappingLine } from './mapping';
import type { SourcePart } from './sourceParts';

export type { ImportReport } from '../../schemas/api/imports';

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
