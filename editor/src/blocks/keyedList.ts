import type { Part } from '../ui/part';

/** A piece of a block bound to one record (a part): refreshed in place, never rebuilt while it lives. */
export interface RecordView extends Part {
  /** Brings the controls up to date with the document. */
  refresh(): void;
}

/**
 * Puts elements into a container in this order, moving only those out of place (a moved
 * element loses focus), and removes the container's other children.
 */
export function placeInOrder(container: HTMLElement, elements: HTMLElement[]): void {
  elements.forEach((element, index) => {
    const there = container.children[index];
    if (there !== element) container.insertBefore(element, there ?? null);
  });
  while (container.children.length > elements.length) container.lastElementChild!.remove();
}

/**
 * Keeps a container's children in step with an ordered list of record ids: creates views for
 * new ids, drops views of removed ones, and moves only the elements that are out of place
 * (moving an element blurs the control being typed in, so the others must stay put).
 */
export function createKeyedList<V extends RecordView>(container: HTMLElement, create: (id: string) => V) {
  const views = new Map<string, V>();
  return {
    views,
    /** Returns the ids that were added. */
    sync(ids: string[]): string[] {
      const wanted = new Set(ids);
      for (const [id, view] of views) {
        if (wanted.has(id)) continue;
        view.destroy();
        view.element.remove();
        views.delete(id);
      }
      const added: string[] = [];
      const elements = ids.map((id) => {
        let view = views.get(id);
        if (!view) {
          view = create(id);
          views.set(id, view);
          added.push(id);
        }
        return view.element;
      });
      placeInOrder(container, elements);
      return added;
    },
    destroy(): void {
      for (const view of views.values()) view.destroy();
      views.clear();
      container.replaceChildren();
    },
  };
}
