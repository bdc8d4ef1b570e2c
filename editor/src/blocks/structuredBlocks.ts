import type * as Y from 'yjs';
import type { BlockKind } from '../../../schemas/structured';
import { h } from '../dom';
import type { BlockContext } from './context';
import { createFichesActionsBlock } from './fichesActionsBlock';
import { createFilieresBlock } from './filieresBlock';
import { nextId } from './ids';
import { createIndicatorTable } from './indicatorTable';
import { createObjectifsBlock } from './objectifsBlock';
import { paths } from './paths';
import type { ProjectPeople } from './projectPeople';
import type { PmpItemsSource } from './pmpLinkField';

interface Block {
  element: HTMLElement;
  destroy(): void;
}

/** The section-level indicator table (e.g. "Modalités de suivi et d'évaluation"). */
function createIndicatorsBlock(ctx: BlockContext): Block {
  const headingId = nextId('bloc-indicateurs');
  const table = createIndicatorTable(ctx, {
    ownerId: ctx.sectionId,
    path: paths.sectionIndicators(ctx.sectionId),
    caption: 'Indicateurs de suivi et d’évaluation',
  });
  return {
    element: h(
      'section',
      { class: 'block block-indicators', 'aria-labelledby': headingId },
      h('h3', { id: headingId, class: 'block-title' }, 'Indicateurs'),
      h('p', { class: 'block-hint' }, 'Pour chaque indicateur : sa méthode de construction, sa valeur d’origine et sa valeur cible, chacune avec sa date.'),
      table.element,
    ),
    destroy: table.destroy,
  };
}

const builders: Record<BlockKind, (ctx: BlockContext) => Block> = {
  filieres: createFilieresBlock,
  fichesActions: createFichesActionsBlock,
  indicators: createIndicatorsBlock,
  objectifs: createObjectifsBlock,
};

export interface StructuredBlocksOptions {
  doc: Y.Doc;
  sectionId: string;
  blocks: BlockKind[];
  editable: boolean;
  announce?(message: string): void;
  confirm?(message: string): boolean;
  pmpItems?: PmpItemsSource;
  people?: ProjectPeople;
}

/**
 * The structured parts under a section's text, one per kind in the section's `blocks`, bound
 * to the shared Y.Doc like the text is: what one person types, the others see as it comes.
 */
export function mountStructuredBlocks(host: HTMLElement, options: StructuredBlocksOptions): { destroy(): void } {
  const live = h('p', { class: 'sr-only', 'aria-live': 'polite' });
  const ctx: BlockContext = {
    doc: options.doc,
    sectionId: options.sectionId,
    editable: options.editable,
    // The same sentence twice in a row must still be read: make the text differ.
    announce: options.announce ?? ((message) => (live.textContent = live.textContent === message ? `${message}\u00a0` : message)),
    confirm: options.confirm ?? ((message) => window.confirm(message)),
    pmpItems: options.pmpItems,
    people: options.people,
  };
  const blocks = options.blocks.map((kind) => builders[kind](ctx));
  host.replaceChildren(...blocks.map((b) => b.element), live);
  return {
    destroy(): void {
      for (const block of blocks) block.destroy();
      host.replaceChildren();
    },
  };
}
