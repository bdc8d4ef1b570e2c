import { provideRichTextSchema } from '../../schemas/richTextDoc';
import type { RichTextRuntime } from './richTextRuntime';

export type { RichTextRuntime };

let loaded: RichTextRuntime | undefined;
let loading: Promise<RichTextRuntime> | undefined;

/**
 * Loads Tiptap and ProseMirror (about 6 MiB of RSS) on first need rather than at start-up: an
 * idle server, and one whose editors only type, never need them (the update guard works on Yjs
 * alone). What does need them (versions, exports, imports, acts, bilans, restores, the demo
 * seed) is reached through an HTTP request, which http/richTextGate.ts holds until this has
 * resolved, or through a job that awaits it.
 */
export function loadRichText(): Promise<RichTextRuntime> {
  loading ??= import('./tiptapModules').then(({ tiptapRuntime }) => {
    loaded = tiptapRuntime();
    provideRichTextSchema(() => loaded!.schema);
    return loaded;
  });
  return loading;
}

export const richTextLoaded = (): boolean => loaded !== undefined;

/** The runtime once loadRichText() has resolved; a use before that is a bug, named as such. */
export function richText(): RichTextRuntime {
  if (!loaded) throw new Error('rich text used before loadRichText() resolved (a route or job that needs it does not await it)');
  return loaded;
}
