import { Editor } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import type * as Y from 'yjs';
import { fragmentName } from '../../../schemas/docLayout';
import { richTextExtensions } from '../../../schemas/richText';
import { paths } from '../blocks/paths';
import type { CollabSession } from '../collab/collabSession';
import { SuggestionMode, type SuggestionModeState } from '../review/suggestionMode';
import { imageFreePasteExtension, imageUploadExtension, type ImageNotices } from './imageUpload';

/** The id of the `.ProseMirror` element (one section editor per page), for aria-controls. */
export const sectionTextId = 'section-text';

export interface SectionEditorOptions {
  /** Where the `.ProseMirror` element goes. */
  element: HTMLElement;
  session: CollabSession;
  sectionId: string;
  /** Readers get a read-only editor (the server drops their updates anyway). */
  editable: boolean;
  title: string;
  /** The suggestion switch (issue 21): typing proposes instead of writing; enforced for reviewers. */
  suggestionMode?: SuggestionModeState;
  /** The section's shared history (sectionUndo.ts): Ctrl+Z in the text undoes structured edits too. */
  history?: Y.UndoManager;
  /** Those who write the text paste, drop and insert images, uploaded to the project (imageUpload.ts). */
  images?: ImageNotices;
  /** Those who only suggest (reviewers): pasted images are left out, and these notices say so. */
  imageRefusals?: ImageNotices;
}

export interface SectionEditor {
  editor: Editor;
  /** The outline can change live: keeps the accessible name in step with the title. */
  setTitle(title: string): void;
  destroy(): void;
}

/** A caret with the user's name, in the classes Tiptap 3 documents (styled in styles.css). */
function renderCaret(user: Record<string, unknown>): HTMLElement {
  const color = typeof user.color === 'string' ? user.color : '#000091';
  const caret = document.createElement('span');
  caret.classList.add('collaboration-carets__caret');
  caret.style.borderColor = color;
  const label = document.createElement('span');
  label.classList.add('collaboration-carets__label');
  label.style.backgroundColor = color;
  label.textContent = typeof user.name === 'string' ? user.name : 'Utilisateur';
  label.setAttribute('aria-hidden', 'true');
  caret.append(label);
  return caret;
}

/**
 * One Tiptap editor bound to one section's root XmlFragment. The shared extension list comes
 * from schemas/richText.ts so the server and the exports read exactly what is written here.
 */
export function createSectionEditor(options: SectionEditorOptions): SectionEditor {
  const { session } = options;
  // Tiptap spreads `attributes` into its own object: it must be an object, not a function.
  const attributes = (title: string): Record<string, string> => ({
    role: 'textbox',
    id: sectionTextId,
    class: 'section-text',
    'aria-multiline': 'true',
    'aria-label': `Texte de la section ${title}`,
    ...(options.editable ? {} : { 'aria-readonly': 'true' }),
    lang: 'fr',
    spellcheck: 'true',
    // Where completeness items about the section's text point (editor/src/blocks/paths.ts).
    'data-path': paths.section(options.sectionId),
  });
  const editor = new Editor({
    element: options.element,
    editable: options.editable,
    extensions: [
      ...richTextExtensions(),
      Collaboration.configure({
        document: session.doc,
        field: fragmentName(options.sectionId),
        ...(options.history ? { yUndoOptions: { undoManager: options.history } } : {}),
      }),
      CollaborationCaret.configure({ provider: session.provider, user: session.user, render: renderCaret }),
      ...(options.suggestionMode ? [SuggestionMode.configure({ mode: options.suggestionMode })] : []),
      ...(options.images ? [imageUploadExtension(session.projectId, options.images)] : []),
      ...(!options.images && options.imageRefusals ? [imageFreePasteExtension(options.imageRefusals)] : []),
    ],
    editorProps: { attributes: attributes(options.title) },
  });
  let currentTitle = options.title;
  return {
    editor,
    setTitle(title) {
      if (title === currentTitle || editor.isDestroyed) return;
      currentTitle = title;
      editor.setOptions({ editorProps: { ...editor.options.editorProps, attributes: attributes(title) } });
    },
    destroy() {
      editor.destroy();
    },
  };
}
