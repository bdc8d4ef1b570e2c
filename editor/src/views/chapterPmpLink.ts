import type { PmpItem } from '../../../schemas/pmpLinks';
import type { SectionNode } from '../../../schemas/project';
import { nextId } from '../blocks/ids';
import { pmpItemLabel, type PmpItemsSource } from '../blocks/pmpLinkField';
import { h } from '../dom';
import { createLifetime, type UpdatablePart } from '../ui/part';

/**
 * « Ce chapitre met en œuvre (PMP du GHT) »: a coordinator links a PM's chapter to the PMP
 * filière or fiche-action it implements (PATCH of the section: the outline is the server's). Offered
 * to coordinators only, and only when the project's GHT has a PMP.
 */
export function createChapterPmpLink(options: { source: PmpItemsSource; save(pmpItemId: string): void }): UpdatablePart<SectionNode> {
  const life = createLifetime();
  const id = nextId('chapitre-pmp');
  // Empty until the PMP's items arrive: a project outside a GHT with a PMP shows nothing at all.
  const element = h('div', { class: 'form-field inline-field chapter-pmp-link', hidden: true });
  let select: HTMLSelectElement | null = null;
  let items: PmpItem[] = [];
  let current = '';
  const fill = (): void => {
    if (!select) return;
    const known = current === '' || items.some((item) => item.id === current);
    const unknown = known ? [] : [h('option', { value: current }, 'valeur supprimée ou inconnue')];
    select.replaceChildren(
      h('option', { value: '' }, '— aucun lien —'),
      ...items.map((item) => h('option', { value: item.id }, pmpItemLabel(item))),
      ...unknown,
    );
    select.value = current;
  };
  options
    .source()
    .then((found) => {
      if (life.ended || !found.pmpProjectId) return;
      items = found.items;
      select = h('select', { id });
      const chosen = select;
      chosen.addEventListener('change', () => options.save(chosen.value));
      element.replaceChildren(h('label', { for: id }, 'Ce chapitre met en œuvre (PMP du GHT)'), chosen);
      element.hidden = false;
      fill();
    })
    .catch(() => {
      // Without the PMP's items there is nothing to choose from.
    });
  return {
    element,
    update(node: SectionNode): void {
      current = node.pmpItemId ?? '';
      if (document.activeElement !== select) fill();
    },
    destroy: life.end,
  };
}
