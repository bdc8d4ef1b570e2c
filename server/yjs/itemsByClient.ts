import * as Y from 'yjs';

/**
 * Items not integrated in the document (those of an update being checked, and of updates staged
 * before it), found by id in O(log n): a burst stages thousands of updates in one turn, and a
 * linear search per lookup made checking them quadratic.
 */
export class ItemsByClient {
  private readonly byClient = new Map<number, Y.Item[]>();
  /** The staged updates themselves, for a check that must apply them to a copy (a reviewer's). */
  readonly updates: Uint8Array[] = [];
  /**
   * How many characters the staged updates add to each shared text field (by the item holding
   * the Y.Text): its length limit counts what waits to be applied, so a burst of updates in one
   * turn cannot each pass the limit on the same applied length.
   */
  readonly textGrowth = new Map<Y.Item, number>();

  add(structs: readonly (Y.Item | Y.GC | Y.Skip)[], update?: Uint8Array): void {
    if (update) this.updates.push(update);
    for (const struct of structs) {
      if (!(struct instanceof Y.Item)) continue;
      const list = this.byClient.get(struct.id.client);
      if (!list) {
        this.byClient.set(struct.id.client, [struct]);
        continue;
      }
      list.push(struct);
      // A client resending what it sent (after a reconnect) breaks the order: rare, so sort then.
      if (list.length > 1 && list[list.length - 2]!.id.clock > struct.id.clock) list.sort((a, b) => a.id.clock - b.id.clock);
    }
  }

  /** The item whose clock range holds `id`, if any. */
  find(id: { client: number; clock: number }): Y.Item | undefined {
    const list = this.byClient.get(id.client);
    if (!list) return undefined;
    let low = 0;
    let high = list.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const item = list[middle]!;
      if (id.clock < item.id.clock) high = middle - 1;
      else if (id.clock >= item.id.clock + item.length) low = middle + 1;
      else return item;
    }
    return undefined;
  }

  clear(): void {
    this.byClient.clear();
    this.updates.length = 0;
    this.textGrowth.clear();
  }
}
