import type * as Y from 'yjs';
import type { DocumentStore } from '../store/documents';
import type { BackgroundCompactor } from '../store/backgroundCompactor';
import type { Logger } from '../log';
import { LoadedDocument } from './loadedDocument';
import { GroupCommit } from './groupCommit';

interface Entry {
  document: LoadedDocument;
  connections: number;
  unloadTimer: NodeJS.Timeout | null;
}

/**
 * The documents loaded in this process: loaded on first use, compacted and unloaded once no
 * connection has used them for `idleMs`. The only state that assumes a single process.
 */
export class DocumentRegistry {
  private readonly entries = new Map<string, Entry>();
  private readonly connectionsPerUser = new Map<string, number>();

  /** One for all documents: updates to different documents in one turn share a commit. */
  private readonly commits: GroupCommit;
  /** Called with each document once loaded (e.g. to watch its comments). */
  private readonly loadListeners: ((name: string, doc: Y.Doc) => void)[] = [];

  constructor(
    private readonly store: DocumentStore,
    private readonly options: {
      idleMs: number;
      maxDocumentBytes: number;
      compactEvery: number;
      logger: Logger;
      compactor?: BackgroundCompactor;
      onRepair?: (docName: string, repaired: string[]) => void;
    },
  ) {
    this.commits = new GroupCommit(store, options.logger);
  }

  /** The loaded document, loading it if needed; an unused one is unloaded after the idle delay. */
  get(name: string): LoadedDocument {
    let entry = this.entries.get(name);
    if (!entry) {
      const document = new LoadedDocument(name, this.store, { ...this.options, commits: this.commits });
      document.load();
      for (const listener of this.loadListeners) listener(name, document.doc);
      entry = { document, connections: 0, unloadTimer: null };
      this.entries.set(name, entry);
      this.scheduleUnload(name, entry);
    }
    return entry.document;
  }

  /** Calls `listener` with every document loaded from now on. */
  onLoad(listener: (name: string, doc: Y.Doc) => void): void {
    this.loadListeners.push(listener);
  }

  isLoaded(name: string): boolean {
    return this.entries.has(name);
  }

  get loadedCount(): number {
    return this.entries.size;
  }

  /** Open collaboration connections over all documents (metrics). */
  get connectionCount(): number {
    let count = 0;
    for (const held of this.connectionsPerUser.values()) count += held;
    return count;
  }

  /** Updates committed since the start (metrics). */
  get committedUpdates(): number {
    return this.commits.committedCount;
  }

  /** Registers a connection; false when the user already holds `max` connections. */
  openConnection(name: string, userId: string, max: number): LoadedDocument | null {
    const held = this.connectionsPerUser.get(userId) ?? 0;
    if (held >= max) return null;
    const document = this.get(name);
    const entry = this.entries.get(name)!;
    entry.connections++;
    if (entry.unloadTimer) clearTimeout(entry.unloadTimer);
    entry.unloadTimer = null;
    this.connectionsPerUser.set(userId, held + 1);
    return document;
  }

  closeConnection(name: string, userId: string): void {
    const held = (this.connectionsPerUser.get(userId) ?? 1) - 1;
    if (held <= 0) this.connectionsPerUser.delete(userId);
    else this.connectionsPerUser.set(userId, held);
    const entry = this.entries.get(name);
    if (!entry) return;
    entry.connections--;
    if (entry.connections <= 0) this.scheduleUnload(name, entry);
  }

  private scheduleUnload(name: string, entry: Entry): void {
    if (entry.unloadTimer) clearTimeout(entry.unloadTimer);
    entry.unloadTimer = setTimeout(() => this.unload(name), this.options.idleMs);
    entry.unloadTimer.unref();
  }

  private unload(name: string): void {
    const entry = this.entries.get(name);
    if (!entry || entry.connections > 0) return;
    // A compaction folds what is committed and applied: nothing may still wait for its commit.
    this.commits.flush();
    entry.document.compact();
    entry.document.destroy();
    this.entries.delete(name);
    this.options.logger.debug('document unloaded', { doc: name });
  }

  /** Compacts and drops every document (shutdown). */
  closeAll(): void {
    this.commits.flush();
    for (const [name, entry] of this.entries) {
      if (entry.unloadTimer) clearTimeout(entry.unloadTimer);
      entry.document.compact();
      entry.document.destroy();
      this.entries.delete(name);
    }
  }
}
