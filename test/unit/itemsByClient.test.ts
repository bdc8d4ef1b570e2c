import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ItemsByClient } from '../../server/yjs/itemsByClient';

/** The updates a client sends while typing `words` one after the other. */
function typedUpdates(words: string[]): { client: number; updates: Uint8Array[] } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  for (const word of words) doc.getText('t').insert(doc.getText('t').length, word);
  return { client: doc.clientID, updates };
}

const structsOf = (update: Uint8Array) => Y.decodeUpdate(update).structs;

describe('ItemsByClient', () => {
  it('finds the item holding any clock of its range, and nothing outside them', () => {
    const { client, updates } = typedUpdates(['abc', 'de', 'fghi']);
    const items = new ItemsByClient();
    for (const update of updates) items.add(structsOf(update));
    // Clocks 0–2 are "abc", 3–4 "de", 5–8 "fghi".
    expect(items.find({ client, clock: 1 })?.id.clock).toBe(0);
    expect(items.find({ client, clock: 4 })?.id.clock).toBe(3);
    expect(items.find({ client, clock: 8 })?.id.clock).toBe(5);
    expect(items.find({ client, clock: 9 })).toBeUndefined();
    expect(items.find({ client: client + 1, clock: 0 })).toBeUndefined();
  });

  it('still finds items when a client resends earlier updates after later ones', () => {
    const { client, updates } = typedUpdates(['abc', 'de', 'fghi']);
    const items = new ItemsByClient();
    for (const update of [updates[2]!, updates[0]!, updates[1]!]) items.add(structsOf(update));
    for (const [clock, start] of [
      [0, 0],
      [2, 0],
      [3, 3],
      [4, 3],
      [5, 5],
      [8, 5],
    ] as const) {
      expect(items.find({ client, clock })?.id.clock).toBe(start);
    }
  });

  it('forgets everything when cleared', () => {
    const { client, updates } = typedUpdates(['abc']);
    const items = new ItemsByClient();
    items.add(structsOf(updates[0]!));
    items.clear();
    expect(items.find({ client, clock: 0 })).toBeUndefined();
  });
});
