import type { DocumentStore } from '../store/documents';
import type { Logger } from '../log';

/** An update waiting for the next commit, and what becomes of it once the commit is known. */
export interface StagedUpdate {
  docName: string;
  update: Uint8Array;
  /** The update is durable: apply it (which broadcasts it). */
  committed(): void;
  /** The commit failed: nothing of the update was stored, applied or broadcast. */
  refused(): void;
  /**
   * Runs the `committed` follow-ups of one document's updates of a batch together: in one Yjs
   * transaction, so that the document broadcasts one update for the batch, not one per update.
   */
  together(run: () => void): void;
}

/**
 * Commits the updates that reach the server in one turn of the event loop together, in one
 * SQLite transaction, when that turn's I/O is done (setImmediate). A commit, not an insert, is
 * what costs: WAL frames written and an index page and a sequence page dirtied each time, so a
 * busy server pays for one commit per turn rather than one per keystroke. Nothing is applied or
 * broadcast before its commit, so an update a client saw broadcast is never lost; a failed
 * commit refuses the whole batch and leaves every document as stored. Each document then sends
 * its peers one message for the batch: under a burst, one write per peer per turn instead of
 * one per update (those writes were most of the server's CPU).
 */
export class GroupCommit {
  private staged: StagedUpdate[] = [];
  private scheduled: NodeJS.Immediate | null = null;
  /** Updates committed since the start (metrics: updates per second). */
  committedCount = 0;

  constructor(
    private readonly store: DocumentStore,
    private readonly logger: Logger,
  ) {}

  stage(entry: StagedUpdate): void {
    this.staged.push(entry);
    this.scheduled ??= setImmediate(() => this.flush());
  }

  /** Commits what is staged now (also before a document is compacted or the server stops). */
  flush(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = null;
    const batch = this.staged;
    this.staged = [];
    if (batch.length === 0) return;
    try {
      this.store.appendMany(batch);
    } catch (error) {
      const docs = [...new Set(batch.map((entry) => entry.docName))];
      this.logger.error('store append failed', { docs, updates: batch.length, error: String(error) });
      for (const entry of batch) this.settle(entry.refused);
      return;
    }
    this.committedCount += batch.length;
    const byDocument = new Map<StagedUpdate['together'], StagedUpdate[]>();
    for (const entry of batch) {
      const entries = byDocument.get(entry.together);
      if (entries) entries.push(entry);
      else byDocument.set(entry.together, [entry]);
    }
    for (const [together, entries] of byDocument) {
      this.settle(() => together(() => entries.forEach((entry) => this.settle(entry.committed))));
    }
  }

  /** One entry's follow-up failing must not keep the others of its batch from theirs. */
  private settle(followUp: () => void): void {
    try {
      followUp();
    } catch (error) {
      this.logger.error('staged update follow-up failed', { error: String(error) });
    }
  }
}
