import type * as Y from 'yjs';

/*
 * The projects' documents as loaded in memory, as use cases, rules and read models see them. The
 * registry that holds them (collab/registry.ts, collab/loadedDocument.ts) belongs to the
 * collaboration adapter, above those layers: they are handed it through Deps under this
 * description, and never import it.
 */

/** A project's live document. */
export interface LiveDocument {
  readonly doc: Y.Doc;
  /** A server-side change, stored then applied and broadcast (LoadedDocument.change). */
  change(mutate: (doc: Y.Doc) => void): void;
  /** A server-side change made for a user, its content checked as a client's update (LoadedDocument.guardedChange). */
  guardedChange<T>(outline: (doc: Y.Doc) => void, content: (doc: Y.Doc) => T, check: (before: Y.Doc, update: Uint8Array) => void): T;
}

/** The loaded documents, by project id. */
export interface LiveDocuments {
  /** The live document, loading it if needed. */
  get(projectId: string): LiveDocument;
  isLoaded(projectId: string): boolean;
  /** Calls `listener` with every document loaded from now on. */
  onLoad(listener: (projectId: string, doc: Y.Doc) => void): void;
}
