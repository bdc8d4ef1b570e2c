import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import { Awareness } from 'y-protocols/awareness';
import { MessageType } from './messageType';
import type { DecodedUpdate } from '../yjs/updateScope';
import { bringsNothingNew } from '../yjs/updateNovelty';
import { ItemsByClient } from '../yjs/itemsByClient';
import { AwarenessBatch } from './awarenessBatch';
import type { DocumentStore } from '../store/documents';
import type { BackgroundCompactor } from '../store/backgroundCompactor';
import type { Logger } from '../log';
import type { GroupCommit } from './groupCommit';
import { dropEntries, malformedEntries } from './repairDocument';
import { fieldsToShare, shareTextFields } from '../../schemas/sharedText';

export type UpdateRefusal =
  | 'malformed'
  | 'tooLarge'
  | 'storeUnavailable'
  | 'locked'
  /** The connection may not write (a reader). */
  | 'forbidden'
  /** The update touches the outline or meta, changed only by REST commands. */
  | 'serverOwned'
  /** The update would leave an invalid document. */
  | 'invalid'
  /** The update builds on changes the server does not have. */
  | 'unresolved';

/**
 * A check of an update before it is stored, given the document it would change and the updates
 * already accepted for it but not yet committed (the update may build on them).
 */
export type UpdateGuard = (doc: Y.Doc, update: DecodedUpdate, staged: ItemsByClient, raw: Uint8Array) => UpdateRefusal | null;

/** A participant the document broadcasts to (one WebSocket connection). */
export interface Peer {
  /** Sends a message; `then`, a second one right after it, in the same write to the socket. */
  send(message: Uint8Array, then?: Uint8Array): void;
}

/** One document held in memory: its Y.Doc, its awareness and how it reaches the store. */
export class LoadedDocument {
  readonly doc = new Y.Doc();
  readonly awareness = new Awareness(this.doc);
  /** Rough size of the encoded document: snapshot plus logged updates. */
  private approxBytes = 0;
  private updatesSinceCompaction = 0;

  constructor(
    readonly name: string,
    private readonly store: DocumentStore,
    private readonly options: {
      maxDocumentBytes: number;
      compactEvery: number;
      logger: Logger;
      commits: GroupCommit;
      compactor?: BackgroundCompactor;
      /** Told of what loading had to repair (for the audit log). */
      onRepair?: (docName: string, repaired: string[]) => void;
    },
  ) {
    // The server holds no cursor of its own.
    this.awareness.setLocalState(null);
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  /**
   * Subscribed once the stored state is loaded: Yjs encodes every transaction for its `update`
   * listeners, and loading a document as one transaction would encode the whole document (half
   * a megabyte at 100 pages) only to broadcast it to nobody.
   */
  private broadcastUpdates(): void {
    this.doc.on('update', (update: Uint8Array) => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MessageType.sync);
      syncProtocol.writeUpdate(encoder, update);
      this.broadcastChange(encoding.toUint8Array(encoder));
    });
  }

  /** Peers and the awareness client ids each one controls (removed when it leaves). */
  readonly peers = new Map<Peer, Set<number>>();

  private readonly onAwarenessUpdate = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void => {
    const changed = [...added, ...updated, ...removed];
    const controlled = this.peers.get(origin as Peer);
    if (controlled) {
      for (const id of added) controlled.add(id);
      for (const id of removed) controlled.delete(id);
    }
    this.awarenessBatch.add(changed);
  };

  private readonly awarenessBatch = new AwarenessBatch(
    this.awareness,
    (message) => this.broadcast(message),
    () => this.peers.size,
  );

  private broadcast(message: Uint8Array): void {
    for (const peer of this.peers.keys()) peer.send(message);
  }

  /**
   * Sends what a transaction changed to every peer, the senders of its client updates after the
   * others: each write before another editor's delays what that editor waits for, while a
   * sender's copy only brings it the others' part of the batch. A lone sender gets no copy at
   * all (a write per keystroke saved, and a no-op for its browser to decode): it already shows
   * everything the batch holds, unless the batch released updates that were waiting for
   * missing items, which may come from anyone. Presence due at the end of this turn goes with
   * it (to every peer, the senders included, as a presence broadcast does).
   */
  private broadcastChange(message: Uint8Array): void {
    // The carets that came with the batch's keystrokes leave with them, in the same write to each
    // peer (the reference server writes each message apart: two writes per peer per keystroke).
    const presence = this.awarenessBatch.takeDueThisTurn() ?? undefined;
    for (const peer of this.peers.keys()) if (!this.senders.has(peer)) peer.send(message, presence);
    const sendersToo = this.senders.size > 1 || this.releasesPending;
    for (const peer of this.peers.keys()) {
      if (!this.senders.has(peer)) continue;
      if (sendersToo) peer.send(message, presence);
      else if (presence) peer.send(presence);
    }
  }

  /** Whether a presence client id is controlled by another peer than this one. */
  controlledByOthers(peer: Peer, clientId: number): boolean {
    for (const [other, controlled] of this.peers) if (other !== peer && controlled.has(clientId)) return true;
    return false;
  }

  join(peer: Peer): void {
    this.peers.set(peer, new Set());
  }

  leave(peer: Peer): void {
    const controlled = this.peers.get(peer);
    this.peers.delete(peer);
    if (controlled && controlled.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...controlled], null);
    }
  }

  /**
   * Loads synchronously (better-sqlite3 is synchronous), so the state is complete before the
   * first sync step leaves. A stored update that fails to apply is skipped and reported, so
   * one bad row cannot make a whole document unreadable.
   */
  load(): void {
    const { snapshot, updates } = this.store.load(this.name);
    this.doc.transact(() => {
      for (const update of snapshot ? [snapshot, ...updates] : updates) {
        try {
          Y.applyUpdate(this.doc, update, this);
          this.approxBytes += update.byteLength;
        } catch (error) {
          this.options.logger.error('stored update skipped', { doc: this.name, error: String(error) });
        }
      }
    }, this);
    this.updatesSinceCompaction = updates.length;
    this.compactWhenDue();
    this.broadcastUpdates();
    this.repair();
    this.shareTextFields();
  }

  /**
   * Text fields of records written before they were shared text hold plain strings, which two
   * people typing in one cell overwrite whole; a missing one would be created twice by two
   * people starting to type in it: they become Y.Text once, here, as a server change.
   */
  private shareTextFields(): void {
    if (fieldsToShare(this.doc).length === 0) return;
    this.change((doc) => shareTextFields(doc));
  }

  /**
   * Makes a stored document readable again: changes waiting for dependencies that will never
   * come are dropped (they would escape the update guard if a later update released them), and
   * so are structural entries no reader can use.
   */
  private repair(): void {
    const repaired: string[] = [];
    if (this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null) {
      this.doc.store.pendingStructs = null;
      this.doc.store.pendingDs = null;
      repaired.push('pending changes without their dependencies');
    }
    const malformed = malformedEntries(this.doc);
    if (malformed.length > 0) {
      this.change((doc) => dropEntries(doc, malformed));
      repaired.push(...malformed.map(({ root, key }) => `${root}.${key}`));
    }
    if (repaired.length === 0) return;
    this.options.logger.warn('document repaired on load', { doc: this.name, repaired });
    this.options.onRepair?.(this.name, repaired);
  }

  /** Client updates accepted but not yet committed (see GroupCommit): how many, their size. */
  private stagedCount = 0;
  private stagedBytes = 0;
  /** Their items, for checks of later updates that build on them; emptied with the last. */
  private readonly stagedItems = new ItemsByClient();
  /** Origins of the client updates being applied (see broadcastChange). */
  private readonly senders = new Set<unknown>();
  /** Whether updates were waiting for missing items when the batch began (see broadcastChange). */
  private releasesPending = false;
  /** Updates applied inside it are broadcast as one (Yjs emits one `update` per transaction). */
  private readonly inOneTransaction = (run: () => void): void => {
    this.releasesPending = this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null;
    try {
      this.doc.transact(run, this);
    } finally {
      this.senders.clear();
    }
  };

  /**
   * Takes an update from a client: validated now, then staged for the next group commit and
   * applied once committed (the doc's `update` event broadcasts it). Persisting first means
   * nothing is ever broadcast that a crash could lose. Returns a refusal found now; one found
   * at commit (the store cannot write) reaches `refusedLater`.
   */
  applyClientUpdate(update: Uint8Array, origin: unknown, guard: UpdateGuard | undefined, refusedLater: (refusal: UpdateRefusal) => void): UpdateRefusal | null {
    let decoded: DecodedUpdate;
    try {
      decoded = Y.decodeUpdate(update);
    } catch {
      return 'malformed';
    }
    // Nothing to store or broadcast (e.g. a reconnecting client's sync step): not an error.
    if (bringsNothingNew(this.doc, decoded)) return null;
    try {
      const refusal = guard?.(this.doc, decoded, this.stagedItems, update);
      if (refusal) return refusal;
    } catch {
      return 'malformed';
    }
    if (this.exceedsMaxBytes(update.byteLength)) return 'tooLarge';
    this.stagedCount++;
    this.stagedBytes += update.byteLength;
    this.stagedItems.add(decoded.structs, update);
    const unstage = () => {
      this.stagedBytes -= update.byteLength;
      if (--this.stagedCount === 0) this.stagedItems.clear();
    };
    this.options.commits.stage({
      docName: this.name,
      update,
      committed: () => {
        unstage();
        this.senders.add(origin);
        try {
          Y.applyUpdate(this.doc, update, origin);
        } catch {
          return refusedLater('malformed');
        }
        this.approxBytes += update.byteLength;
        this.updatesSinceCompaction++;
        this.compactWhenDue();
      },
      refused: () => {
        unstage();
        refusedLater('storeUnavailable');
      },
      together: this.inOneTransaction,
    });
    return null;
  }

  /**
   * Whether an update would take the document past its maximum size. The size counts the update
   * log, which grows with every change: text inserted then deleted, over and over, would fill it
   * while the document itself stays small, and then every editor's update would be refused until
   * a compaction. So the log is folded first, and only what the document really holds counts.
   */
  private exceedsMaxBytes(incoming: number): boolean {
    const over = () => this.approxBytes + this.stagedBytes + incoming > this.options.maxDocumentBytes;
    if (!over() || this.updatesSinceCompaction === 0) return over();
    // A compaction folds what is committed and applied: the staged updates are committed first.
    this.options.commits.flush();
    this.compact();
    return over();
  }

  /**
   * Makes a server-side change (seeding, commands) with the persist-first rule: the change is
   * made on a copy, its update stored, then applied (and so broadcast).
   */
  change(mutate: (doc: Y.Doc) => void): void {
    // Client updates accepted before this change land before it (a lock set now applies after them).
    this.options.commits.flush();
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(this.doc));
    const before = Y.encodeStateVector(copy);
    copy.transact(() => mutate(copy));
    const update = Y.encodeStateAsUpdate(copy, before);
    copy.destroy();
    const { structs, ds } = Y.decodeUpdate(update);
    if (structs.length > 0 || ds.clients.size > 0) this.applyServerUpdate(update);
  }

  /**
   * A server-side change made for a user (an import): `outline` makes what only the server may
   * (sections, meta), then `content` what a client could, and `check` sees the content's own
   * update against the document as it is before it, as the update guard sees a client's, and
   * throws to refuse. Both parts are stored and applied as one update: one transaction for every
   * client, undone as one. Returns what `content` returns.
   */
  guardedChange<T>(outline: (doc: Y.Doc) => void, content: (doc: Y.Doc) => T, check: (before: Y.Doc, update: Uint8Array) => void): T {
    this.options.commits.flush();
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(this.doc));
    // Each transaction's own update (encodeStateAsUpdate would carry every deletion of the document).
    const captured: Uint8Array[] = [];
    copy.on('update', (update: Uint8Array) => captured.push(update));
    copy.transact(() => outline(copy));
    const outlineUpdates = captured.splice(0);
    const before = new Y.Doc();
    Y.applyUpdate(before, Y.encodeStateAsUpdate(copy));
    let result!: T;
    copy.transact(() => {
      result = content(copy);
    });
    copy.destroy();
    const contentUpdate = Y.mergeUpdates(captured);
    try {
      check(before, contentUpdate);
    } finally {
      before.destroy();
    }
    const update = Y.mergeUpdates([...outlineUpdates, contentUpdate]);
    const { structs, ds } = Y.decodeUpdate(update);
    if (structs.length > 0 || ds.clients.size > 0) this.applyServerUpdate(update);
    return result;
  }

  /** Applies a server-side update with the same persist-first rule. */
  applyServerUpdate(update: Uint8Array): void {
    this.store.append(this.name, update);
    Y.applyUpdate(this.doc, update, this);
    this.approxBytes += update.byteLength;
    this.updatesSinceCompaction++;
    this.compactWhenDue();
  }

  /**
   * Every `compactEvery` updates the log is folded into the snapshot: by the background
   * compactor when there is one (the serving thread only asks), else here and now.
   */
  private compactWhenDue(): void {
    if (this.updatesSinceCompaction < this.options.compactEvery) return;
    const compactor = this.options.compactor;
    if (!compactor) return this.compact();
    this.updatesSinceCompaction = 0;
    try {
      // The compactor reads the database: what still waits in the journal would be left out.
      this.store.drainAhead();
    } catch {
      return; // the store refuses writes: reported by its health, and a compaction would fail too
    }
    void compactor.compact(this.name).then((outcome) => {
      if (outcome.status === 'compacted') this.approxBytes += outcome.bytesAfter - outcome.bytesBefore;
    });
  }

  /**
   * Folds the update log into one snapshot of the document as it is in memory (unload,
   * shutdown); a failure leaves the log as it was.
   */
  compact(): void {
    try {
      const coversUpTo = this.store.lastUpdateId(this.name);
      const state = Y.encodeStateAsUpdate(this.doc);
      this.store.compact(this.name, state, coversUpTo);
      this.approxBytes = state.byteLength;
      this.updatesSinceCompaction = 0;
    } catch (error) {
      this.options.logger.warn('compaction failed', { doc: this.name, error: String(error) });
    }
  }

  destroy(): void {
    this.awarenessBatch.dispose();
    this.awareness.destroy();
    this.doc.destroy();
  }
}
