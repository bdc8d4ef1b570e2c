import { ySyncPluginKey } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { fragmentName } from '../../../schemas/docLayout';
import { structuredRoots } from '../../../schemas/structured';

/**
 * The undo history of the open section: the user's own changes to its text and to the
 * structured records (cells, fiches, indicators, a removed filière…), one stack for both, as in
 * Word or Google Docs. Others' changes arrive with the provider as origin and are never
 * undone; local edits of the blocks are made without an origin (null), the text's with the
 * sync plugin's key.
 */
export function createSectionUndo(doc: Y.Doc, sectionId: string): Y.UndoManager {
  const scope = [doc.getXmlFragment(fragmentName(sectionId)), ...Object.values(structuredRoots).map((root) => doc.getMap(root))];
  return new Y.UndoManager(scope, { trackedOrigins: new Set<unknown>([ySyncPluginKey, null]), captureTimeout: 500 });
}

const isUndo = (event: KeyboardEvent): boolean => (event.ctrlKey || event.metaKey) && !event.shiftKey && event.key.toLowerCase() === 'z';
const isRedo = (event: KeyboardEvent): boolean =>
  (event.ctrlKey || event.metaKey) && ((event.shiftKey && event.key.toLowerCase() === 'z') || (!event.shiftKey && event.key.toLowerCase() === 'y'));

/**
 * Ctrl+Z / Ctrl+Y in the structured blocks go to the shared history rather than to the
 * browser's own history of one field, which knows nothing of a removed record.
 */
export function bindUndoKeys(host: HTMLElement, undo: Y.UndoManager): () => void {
  const onKey = (event: KeyboardEvent): void => {
    if (isUndo(event)) {
      event.preventDefault();
      undo.undo();
    } else if (isRedo(event)) {
      event.preventDefault();
      undo.redo();
    }
  };
  host.addEventListener('keydown', onKey);
  return () => host.removeEventListener('keydown', onKey);
}
