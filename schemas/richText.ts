import type { Extensions } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { TableKit } from '@tiptap/extension-table';
import { ImageNode } from './imageNode';
import { SuggestionDelete, SuggestionInsert } from './suggestionMarks';

/** Link targets the product accepts: anything else (javascript:, data:, file:) is dropped. */
export function isAllowedLink(url: string): boolean {
  return /^(https?:\/\/|mailto:)/i.test(url.trim());
}

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
