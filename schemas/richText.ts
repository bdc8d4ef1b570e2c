import type { Extensions } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { TableKit } from '@tiptap/extension-table';
import { ImageNode } from './imageNode';
import { SuggestionDelete, SuggestionInsert } from './suggestionMarks';

import { isAllowedLink } from './allowedLink';
export { isAllowedLink };

/**
 * The rich-text schema of a section, shared by the browser editor and the server (seeding,
 * conversion, exports). Using another list on either side silently drops content.
 */
export function richTextExtensions(): Extensions {
  return [
    StarterKit.configure({
      // Yjs carries the history; ProseMirror's own undo would fight it.
      undoRedo: false,
      heading: { levels: [2, 3, 4] },
      link: {
        openOnClick: false,
        autolink: true,
        // http, https and mailto are linkifyjs built-ins: registering them again made linkifyjs
        // warn "already initialized" for every editor after the first. isAllowedUri restricts.
        protocols: [],
        defaultProtocol: 'https',
        isAllowedUri: (url) => isAllowedLink(url),
      },
    }),
    TableKit.configure({ table: { resizable: false } }),
    ImageNode,
    SuggestionInsert,
    SuggestionDelete,
  ];
}
