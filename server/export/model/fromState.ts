import * as Y from 'yjs';
import type { VersionSummary } from '../../store/versions';
import { buildDocumentModel, type ModelContext } from './build';
import type { DocumentModel } from './types';

/**
 * What a document model is built from, as plain data another thread can receive. Declared here,
 * below export/modelSource.ts (which gathers it through Deps), so the renderers server/deps.ts
 * names do not import Deps back.
 */
export interface ModelSource {
  /** The Y.Doc's state (Y.encodeStateAsUpdate): its size is the export's size. */
  state: Uint8Array;
  context: ModelContext;
  version: VersionSummary | null;
}

/** The model of an encoded Y.Doc state (a frozen version, or the live text sent to a worker). */
export function modelFromState(state: Uint8Array, context: ModelContext): DocumentModel {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    return buildDocumentModel(doc, context);
  } finally {
    doc.destroy();
  }
}
