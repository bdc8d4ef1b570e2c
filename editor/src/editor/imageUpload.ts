import type { StoredImage } from '../../../schemas/api/projectFiles';
import { Extension, type Editor } from '@tiptap/core';
import { Fragment, type Node as PmNode, Slice } from '@tiptap/pm/model';
import { Plugin, PluginKey, TextSelection } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';
import { imageTypes, parseImageSrc } from '../../../schemas/imageSource';
import { ApiError, errorOfResponse } from '../api';
import { h } from '../dom';

/** Where the image tools say what happened (a live region next to the toolbar). */
export interface ImageNotices {
  element: HTMLElement;
  say(text: string): void;
}

export function imageNotices(): ImageNotices {
  const element = h('p', { class: 'image-notice', role: 'status', 'aria-live': 'polite' });
  return {
    element,
    say(text) {
      element.textContent = text;
    },
  };
}

/** Sends an image as the raw body (the server reads its type from its bytes); returns its src. */
export async function uploadImage(projectId: string, image: Blob): Promise<string> {
  let res: Response;
  try {
    res = await fetch(`/api/projects/${encodeURIComponent(projectId)}/images`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': image.type || 'application/octet-stream', Accept: 'application/json' },
      body: image,
    });
  } catch {
    throw new ApiError(0, 'network', 'Le serveur est injoignable : l’image n’a pas été ajoutée. Réessayez une fois la connexion revenue.');
  }
  if (!res.ok) throw await errorOfResponse(res);
  return ((await res.json()) as StoredImage).src;
}

const isImageFile = (file: File): boolean => file.type.startsWith('image/');

/** A data: URI's bytes (a browser refuses to fetch one under this product's connect-src). */
function dataUriBlob(uri: string): Blob | null {
  const match = /^data:([^;,]*)(;base64)?,(.*)$/s.exec(uri);
  if (!match?.[2]) return null;
  try {
    const bytes = Uint8Array.from(atob(match[3]!), (c) => c.charCodeAt(0));
    return new Blob([bytes], { type: match[1] || 'application/octet-stream' });
  } catch {
    return null;
  }
}

/** Inserts image nodes at `pos` (or the selection), after an upload that may have taken a while. */
function insertImages(view: EditorView, sources: { src: string; alt: string | null }[], pos?: number): void {
  const type = view.state.schema.nodes.image;
  if (!type || view.isDestroyed || sources.length === 0) return;
  const tr = view.state.tr;
  if (pos !== undefined) tr.setSelection(TextSelection.near(tr.doc.resolve(Math.min(pos, tr.doc.content.size))));
  for (const source of sources) {
    tr.replaceSelectionWith(type.create(source));
    // At the end of the text the image itself would stay selected, and the next paste or
    // keystroke would replace it: the caret goes to a new paragraph after it, as in Word.
    if (!(tr.selection instanceof TextSelection)) {
      const end = tr.selection.to;
      tr.insert(end, view.state.schema.nodes.paragraph!.create());
      tr.setSelection(TextSelection.create(tr.doc, end + 1));
    }
  }
  view.dispatch(tr.scrollIntoView());
}

/**
 * Uploads images and inserts them. Images whose upload is refused (type, size, quota, rights)
 * are named in the notices, never dropped silently.
 */
async function uploadAndInsert(
  view: EditorView,
  projectId: string,
  notices: ImageNotices,
  images: { blob: Blob; alt: string | null }[],
  options: { pos?: number; alsoSay?: string } = {},
): Promise<void> {
  if (images.length === 0) return;
  notices.say(images.length === 1 ? 'Envoi de l’image…' : `Envoi de ${images.length} images…`);
  const inserted: { src: string; alt: string | null }[] = [];
  const refusals: string[] = [];
  for (const image of images) {
    try {
      inserted.push({ src: await uploadImage(projectId, image.blob), alt: image.alt });
    } catch (error) {
      refusals.push(error instanceof ApiError ? error.message : 'L’image n’a pas pu être envoyée.');
    }
  }
  insertImages(view, inserted, options.pos);
  const added = inserted.length === 0 ? '' : inserted.length === 1 ? 'Image ajoutée. ' : `${inserted.length} images ajoutées. `;
  const refused = refusals.length > 0 ? `Non ajoutée${refusals.length > 1 ? 's' : ''} : ${[...new Set(refusals)].join(' ')} ` : '';
  notices.say(`${added}${refused}${options.alsoSay ?? ''}`.trim());
}

/**
 * Pasted content keeps the images of this project as they are; the others cannot be written
 * (the server accepts only images stored with the project): pasted data: URIs (Word, Google
 * Docs) and images of another project of this site are uploaded here and inserted after the
 * paste; images on other sites are left out, and the notices say so.
 */
function keepOwnImages(
  slice: Slice,
  projectId: string,
  toUpload: { blob: Blob | Promise<Blob | null>; alt: string | null }[],
  external: { count: number },
): Slice {
  const filter = (fragment: Fragment): Fragment => {
    const kept: PmNode[] = [];
    fragment.forEach((node) => {
      if (node.type.name !== 'image') {
        kept.push(node.copy(filter(node.content)));
        return;
      }
      const src = typeof node.attrs.src === 'string' ? node.attrs.src : '';
      const alt = typeof node.attrs.alt === 'string' ? node.attrs.alt : null;
      const named = parseImageSrc(src);
      if (named?.projectId === projectId) kept.push(node);
      else if (named)
        toUpload.push({
          blob: fetch(src, { credentials: 'same-origin' }).then(
            (r) => (r.ok ? r.blob() : null),
            () => null,
          ),
          alt,
        });
      else {
        const blob = src.startsWith('data:') ? dataUriBlob(src) : null;
        if (blob) toUpload.push({ blob, alt });
        else external.count++;
      }
    });
    return Fragment.fromArray(kept);
  };
  return new Slice(filter(slice.content), slice.openStart, slice.openEnd);
}

/**
 * Images in the text (issue 20 finding 10): a pasted or dropped image file is uploaded to the
 * project and inserted where it was pasted or dropped; pasted HTML keeps only images the server
 * will accept (see keepOwnImages).
 */
export function imageUploadExtension(projectId: string, notices: ImageNotices) {
  return Extension.create({
    name: 'imageUpload',
    addProseMirrorPlugins() {
      return [
        new Plugin({
          key: new PluginKey('imageUpload'),
          props: {
            handlePaste(view, event) {
              const files = Array.from(event.clipboardData?.files ?? []).filter(isImageFile);
              if (files.length === 0) return false;
              event.preventDefault();
              void uploadAndInsert(
                view,
                projectId,
                notices,
                files.map((blob) => ({ blob, alt: null })),
              );
              return true;
            },
            handleDrop(view, event, _slice, moved) {
              const files = moved ? [] : Array.from(event.dataTransfer?.files ?? []).filter(isImageFile);
              if (files.length === 0) return false;
              event.preventDefault();
              const pos = view.posAtCoords({ left: event.clientX, top: event.clientY })?.pos;
              void uploadAndInsert(
                view,
                projectId,
                notices,
                files.map((blob) => ({ blob, alt: null })),
                { pos },
              );
              return true;
            },
            transformPasted(slice, view) {
              const toUpload: { blob: Blob | Promise<Blob | null>; alt: string | null }[] = [];
              const external = { count: 0 };
              const kept = keepOwnImages(slice, projectId, toUpload, external);
              const externalNote =
                external.count === 0
                  ? ''
                  : `${external.count === 1 ? 'Une image d’un autre site n’a pas été insérée' : `${external.count} images d’autres sites n’ont pas été insérées`} : enregistrez-la sur votre poste puis ajoutez-la avec le bouton « Image ».`;
              if (externalNote) notices.say(externalNote);
              if (toUpload.length > 0) {
                void Promise.all(toUpload.map(async (i) => ({ blob: await i.blob, alt: i.alt }))).then((images) =>
                  uploadAndInsert(
                    view,
                    projectId,
                    notices,
                    images.filter((i): i is { blob: Blob; alt: string | null } => i.blob !== null),
                    { alsoSay: externalNote },
                  ),
                );
              }
              return kept;
            },
          },
        }),
      ];
    },
  });
}

/** The slice without its image nodes (at any depth), and how many were left out. */
function withoutImageNodes(slice: Slice): { slice: Slice; removed: number } {
  let removed = 0;
  const filter = (fragment: Fragment): Fragment => {
    const kept: PmNode[] = [];
    fragment.forEach((node) => {
      if (node.type.name === 'image') removed++;
      else kept.push(node.copy(filter(node.content)));
    });
    return Fragment.fromArray(kept);
  };
  return { slice: new Slice(filter(slice.content), slice.openStart, slice.openEnd), removed };
}

/**
 * For those who may only suggest (reviewers): an image cannot be a suggestion and the server
 * refuses an image node from them, closing the connection (4422); pasted content keeps its text,
 * and the notices say the images were left out.
 */
export function imageFreePasteExtension(notices: ImageNotices) {
  return Extension.create({
    name: 'imageFreePaste',
    addProseMirrorPlugins() {
      return [
        new Plugin({
          key: new PluginKey('imageFreePaste'),
          props: {
            transformPasted(slice) {
              const { slice: kept, removed } = withoutImageNodes(slice);
              if (removed > 0) {
                notices.say(
                  `${removed === 1 ? 'L’image collée n’a pas été insérée' : `Les ${removed} images collées n’ont pas été insérées`} : une image ne peut pas être proposée en suggestion. Le texte collé est gardé.`,
                );
              }
              return kept;
            },
          },
        }),
      ];
    },
  });
}

/** The toolbar's « Image » button: a file chooser for the kept formats, then upload and insert. */
export function imagePicker(editor: Editor, projectId: string, notices: ImageNotices): { element: HTMLInputElement; open(): void } {
  const input = h('input', { type: 'file', accept: imageTypes.join(','), multiple: true, hidden: true, 'aria-label': 'Choisir une image à insérer' });
  input.addEventListener('change', () => {
    const files = Array.from(input.files ?? []);
    input.value = '';
    void uploadAndInsert(
      editor.view,
      projectId,
      notices,
      files.map((blob) => ({ blob, alt: null })),
    );
  });
  return { element: input, open: () => input.click() };
}
