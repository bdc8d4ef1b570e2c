import { Node } from '@tiptap/core';

/**
 * An image of the text: a block of its own, with the address of an image stored with the
 * project (schemas/imageSource.ts) and a text alternative. The schema parses any `<img src>`
 * (a paste, an imported DOCX): the editor uploads or drops what is not the project's own
 * before it is written, and the update guard refuses any other address.
 */
export const ImageNode = Node.create({
  name: 'image',
  group: 'block',
  atom: true,
  draggable: true,
  selectable: true,
  addAttributes() {
    return {
      src: { default: null },
      alt: { default: null },
    };
  },
  parseHTML() {
    return [{ tag: 'img[src]', getAttrs: (element) => ({ src: element.getAttribute('src'), alt: element.getAttribute('alt') || null }) }];
  },
  renderHTML({ HTMLAttributes }) {
    return ['img', { src: HTMLAttributes.src, alt: HTMLAttributes.alt ?? '', class: 'text-image', loading: 'lazy' }];
  },
});
