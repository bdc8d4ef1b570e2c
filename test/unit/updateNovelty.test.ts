import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bringsNothingNew } from '../../server/yjs/updateNovelty';
import { pick, randomInt, seededRandom } from '../../fixtures/prng';

/** Applies `update` to a copy of `doc` and tells whether anything changed. */
function changes(doc: Y.Doc, update: Uint8Array): boolean {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  const before = Buffer.from(Y.encodeStateAsUpdate(copy));
  let emitted = false;
  copy.on('update', () => (emitted = true));
  Y.applyUpdate(copy, update);
  return emitted || Buffer.compare(before, Buffer.from(Y.encodeStateAsUpdate(copy))) !== 0;
}

function randomEdit(doc: Y.Doc, random: () => number): void {
  const text = doc.getText(pick(random, ['a', 'b']));
  if (text.length > 0 && random() < 0.35) {
    const at = randomInt(random, 0, text.length - 1);
    text.delete(at, randomInt(random, 1, Math.min(5, text.length - at)));
  } else {
    text.insert(randomInt(random, 0, text.length), 'xyz'.slice(0, randomInt(random, 1, 3)));
  }
  if (random() < 0.2) doc.getMap('m').set(pick(random, ['k1', 'k2']), randomInt(random, 0, 9));
}

describe('bringsNothingNew', () => {
  it('never calls "nothing new" an update that would change the document (seeded property)', () => {
    const random = seededRandom(20261125);
    let nothingNew = 0;
    for (let round = 0; round < 300; round++) {
      const server = new Y.Doc();
      const client = new Y.Doc();
      for (let i = randomInt(random, 0, 20); i > 0; i--) randomEdit(random() < 0.5 ? server : client, random);
      // Some shared history, then each side goes on alone.
      if (random() < 0.7) Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
      if (random() < 0.7) Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
      for (let i = randomInt(random, 0, 5); i > 0; i--) randomEdit(random() < 0.5 ? server : client, random);
      // What a client sends: its diff against the server (sync step 2), its whole state, or one edit.
      const candidates = [Y.encodeStateAsUpdate(client, Y.encodeStateVector(server)), Y.encodeStateAsUpdate(client), Y.encodeStateAsUpdate(server)];
      for (const update of candidates) {
        const verdict = bringsNothingNew(server, Y.decodeUpdate(update));
        if (verdict) {
          nothingNew++;
          expect(changes(server, update)).toBe(false);
        }
      }
    }
    expect(nothingNew).toBeGreaterThan(100);
  });

  it('recognises the sync step of an up-to-date client, deletions included', () => {
    const server = new Y.Doc();
    server.getText('t').insert(0, 'bonjour à tous');
    server.getText('t').delete(0, 8);
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    const step2 = Y.encodeStateAsUpdate(client, Y.encodeStateVector(server));
    expect(Y.decodeUpdate(step2).ds.clients.size).toBe(1);
    expect(bringsNothingNew(server, Y.decodeUpdate(step2))).toBe(true);
  });

  it('sees a new deletion of known text, and structs the server lacks', () => {
    const server = new Y.Doc();
    server.getText('t').insert(0, 'bonjour');
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    const sv = Y.encodeStateVector(client);
    client.getText('t').delete(0, 3);
    expect(bringsNothingNew(server, Y.decodeUpdate(Y.encodeStateAsUpdate(client, sv)))).toBe(false);
    const other = new Y.Doc();
    other.getText('t').insert(0, 'x');
    expect(bringsNothingNew(server, Y.decodeUpdate(Y.encodeStateAsUpdate(other)))).toBe(false);
  });
});
