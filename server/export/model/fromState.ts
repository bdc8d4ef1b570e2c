import * as Y from 'yjs';
import { buildDocumentModel, type ModelContext } from './build';
import type { DocumentModel } from './types';

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
