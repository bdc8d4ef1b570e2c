/**
 * The one contract of a part of a page: an element and its end. `create*` functions return one;
 * whoever shows it calls `destroy` when it goes (`page.own` does it for a page's parts), whatever
 * the part holds — a load, listeners, timers, a socket or nothing yet. A part that takes new data
 * in place instead of being rebuilt is an `UpdatablePart`. A function that only builds markup and
 * starts nothing returns the element itself: it is not a part.
 */
export interface Part<E extends HTMLElement = HTMLElement> {
  readonly element: E;
  destroy(): void;
}

/** A part that takes new data in place (the outline tree, the presence list), rather than being rebuilt. */
export interface UpdatablePart<D, E extends HTMLElement = HTMLElement> extends Part<E> {
  update(data: D): void;
}

/**
 * The life of a part or a page: `ended` drops a late answer (of a load or an action), `onEnd`
 * registers what to undo (a listener, a timer, a sub-part) where it is set up, `end` runs it once.
 */
export interface Lifetime {
  readonly ended: boolean;
  onEnd(undo: () => void): void;
  end(): void;
}

export function createLifetime(): Lifetime {
  let ended = false;
  const undos: (() => void)[] = [];
  return {
    get ended() {
      return ended;
    },
    onEnd(undo) {
      if (ended) undo();
      else undos.push(undo);
    },
    end() {
      if (ended) return;
      ended = true;
      for (const undo of undos.splice(0)) undo();
    },
  };
}
