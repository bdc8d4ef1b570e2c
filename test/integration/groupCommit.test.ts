import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { DocumentRegistry } from '../../server/collab/registry';
import type { Peer, UpdateRefusal } from '../../server/collab/loadedDocument';
import { createLogger } from '../../server/log';
import { openDatabase, type Db } from '../../server/store/db';
import { sqliteDocumentStore, type DocumentStore } from '../../server/store/documents';
import { tempDir } from '../helpers/testServer';

/** A client's document: every local change is captured as the update it would send. */
function clientDoc() {
  const doc = new Y.Doc();
  const sent: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => sent.push(update));
  const type = (text: string) => doc.getText('body').insert(doc.getText('body').length, text);
  return { doc, sent, type };
}

function recordingPeer(): Peer & { received: Uint8Array[] } {
  const received: Uint8Array[] = [];
  return { received, send: (message) => received.push(message) };
}

/** The Yjs update inside a y-websocket sync message (type 0, sync type 2). */
function syncMessageUpdate(message: Uint8Array): Uint8Array {
  const decoder = decoding.createDecoder(message);
  expect([decoding.readVarUint(decoder), decoding.readVarUint(decoder)]).toEqual([0, 2]);
  return decoding.readVarUint8Array(decoder);
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
const text = (doc: Y.Doc) => doc.getText('body').toString();

let db: Db;
let store: DocumentStore & { commits: number[] };
let registry: DocumentRegistry;

/** The real SQLite store, with the sizes of its commits recorded. */
function open() {
  db = openDatabase(tempDir('pmp-group-commit-'));
  const real = sqliteDocumentStore(db);
  const commits: number[] = [];
  store = {
    ...real,
    commits,
    appendMany(entries) {
      real.appendMany(entries);
      commits.push(entries.length);
    },
  };
  registry = new DocumentRegistry(store, { idleMs: 60_000, maxDocumentBytes: 1 << 20, compactEvery: 1000, logger: createLogger('silent') });
}

afterEach(() => {
  registry.closeAll();
  db.close();
});

describe('group commit of client updates', () => {
  it('commits the updates of one turn together, applies and broadcasts none before its commit, then sends one message per document', async () => {
    open();
    const [a, b] = [registry.get('a'), registry.get('b')];
    const [peerA, peerB] = [recordingPeer(), recordingPeer()];
    a.join(peerA);
    b.join(peerB);
    const [alice, bob] = [clientDoc(), clientDoc()];
    alice.type('Bonjour');
    alice.type(' à tous'); // builds on the first keystroke, still uncommitted
    bob.type('Salut');
    const refused: UpdateRefusal[] = [];
    for (const update of alice.sent) expect(a.applyClientUpdate(update, null, undefined, (r) => refused.push(r))).toBeNull();
    expect(b.applyClientUpdate(bob.sent[0]!, null, undefined, (r) => refused.push(r))).toBeNull();

    expect(text(a.doc)).toBe('');
    expect(peerA.received).toHaveLength(0);
    expect(store.load('a').updates).toHaveLength(0);

    await nextTurn();
    expect(store.commits).toEqual([3]);
    expect(store.load('a').updates).toHaveLength(2);
    expect(store.load('b').updates).toHaveLength(1);
    expect([text(a.doc), text(b.doc)]).toEqual(['Bonjour à tous', 'Salut']);
    // One message per document for the batch: the sender's echo and the others' copy in one.
    expect([peerA.received.length, peerB.received.length]).toEqual([1, 1]);
    const echoed = new Y.Doc();
    Y.applyUpdate(echoed, syncMessageUpdate(peerA.received[0]!));
    expect(text(echoed)).toBe('Bonjour à tous');
    expect(refused).toEqual([]);
  });

  it('sends a lone sender no copy of its own batch, and the other editors theirs', async () => {
    open();
    const a = registry.get('a');
    const order: string[] = [];
    const peer = (name: string): Peer => ({ send: () => order.push(name) });
    const [sender, reader1, reader2] = [peer('sender'), peer('reader1'), peer('reader2')];
    for (const p of [sender, reader1, reader2]) a.join(p);
    const alice = clientDoc();
    alice.type('vite');
    alice.type(' et bien');
    for (const update of alice.sent) a.applyClientUpdate(update, sender, undefined, () => {});
    await nextTurn();
    expect(order).toEqual(['reader1', 'reader2']);
  });

  it('sends the other editors a batch of two senders first, then each sender, which lacks the other’s part', async () => {
    open();
    const a = registry.get('a');
    const [reader, alicePeer, bobPeer] = [recordingPeer(), recordingPeer(), recordingPeer()];
    const order: string[] = [];
    const track = (name: string, p: ReturnType<typeof recordingPeer>): Peer => ({ send: (m) => (order.push(name), p.send(m)) });
    const [readerOut, aliceOut, bobOut] = [track('reader', reader), track('alice', alicePeer), track('bob', bobPeer)];
    for (const p of [aliceOut, readerOut, bobOut]) a.join(p);
    const [alice, bob] = [clientDoc(), clientDoc()];
    alice.type('Bonjour');
    bob.type('Salut');
    a.applyClientUpdate(alice.sent[0]!, aliceOut, undefined, () => {});
    a.applyClientUpdate(bob.sent[0]!, bobOut, undefined, () => {});
    await nextTurn();
    expect(order).toEqual(['reader', 'alice', 'bob']);
    Y.applyUpdate(alice.doc, syncMessageUpdate(alicePeer.received[0]!));
    expect(text(alice.doc)).toBe(text(a.doc));
    expect(text(a.doc)).toContain('Salut');
  });

  it('sends a lone sender the batch when it released another editor’s update that was waiting for it', async () => {
    open();
    const a = registry.get('a');
    const [alicePeer, bobPeer] = [recordingPeer(), recordingPeer()];
    for (const p of [alicePeer, bobPeer]) a.join(p);
    const [alice, bob] = [clientDoc(), clientDoc()];
    alice.type('Bonjour');
    // Bob got Alice's text before the server did (another tab of the same browser, say).
    Y.applyUpdate(bob.doc, alice.sent[0]!);
    bob.sent.length = 0;
    bob.type(' Bob');
    a.applyClientUpdate(bob.sent[0]!, bobPeer, undefined, () => {});
    await nextTurn();
    expect(text(a.doc)).toBe(''); // Bob's update waits for Alice's text
    a.applyClientUpdate(alice.sent[0]!, alicePeer, undefined, () => {});
    await nextTurn();
    expect(text(a.doc)).toBe('Bonjour Bob');
    expect(alicePeer.received).toHaveLength(1);
    Y.applyUpdate(alice.doc, syncMessageUpdate(alicePeer.received[0]!));
    expect(text(alice.doc)).toBe('Bonjour Bob');
  });

  it('refuses a whole batch the store cannot write, changes and broadcasts nothing, then commits again', async () => {
    open();
    const a = registry.get('a');
    const peer = recordingPeer();
    a.join(peer);
    const alice = clientDoc();
    alice.type('déjà là');
    a.applyClientUpdate(alice.sent[0]!, null, undefined, () => {});
    await nextTurn();

    db.pragma('query_only = ON');
    alice.type(' perdu ?');
    alice.type(' non');
    const refused: UpdateRefusal[] = [];
    for (const update of alice.sent.slice(1)) a.applyClientUpdate(update, null, undefined, (r) => refused.push(r));
    await nextTurn();
    expect(refused).toEqual(['storeUnavailable', 'storeUnavailable']);
    expect(text(a.doc)).toBe('déjà là');
    expect(peer.received).toHaveLength(1);
    expect(store.writeHealth().writable).toBe(false);
    expect(store.load('a').updates).toHaveLength(1);

    // The client keeps its changes and sends them again once the store writes.
    db.pragma('query_only = OFF');
    a.applyClientUpdate(Y.encodeStateAsUpdate(alice.doc), null, undefined, (r) => refused.push(r));
    await nextTurn();
    expect(text(a.doc)).toBe('déjà là perdu ? non');
    expect(store.writeHealth().writable).toBe(true);
    expect(refused).toHaveLength(2);
  });

  it('commits what waits before a document is compacted and unloaded', () => {
    open();
    const a = registry.get('a');
    const alice = clientDoc();
    alice.type('juste avant la fermeture');
    a.applyClientUpdate(alice.sent[0]!, null, undefined, () => {});
    registry.closeAll();
    const reopened = new Y.Doc();
    const { snapshot, updates } = store.load('a');
    for (const update of snapshot ? [snapshot, ...updates] : updates) Y.applyUpdate(reopened, update);
    expect(text(reopened)).toBe('juste avant la fermeture');
  });
});
