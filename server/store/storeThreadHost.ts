import fs from 'node:fs';
import { MessageChannel, type MessagePort, type Worker } from 'node:worker_threads';
import type { Statement } from 'better-sqlite3';
import type { Logger } from '../log';
import type { Db } from './db';
import { documentSql } from './documentSql';
import { storeThreadSource } from './storeThreadSource';
import { startStoreWorker } from './storeWorker';

/** What one checkpoint pass did (PRAGMA wal_checkpoint's row). */
export interface CheckpointPass {
  busy: number;
  /** Frames in the WAL. */
  log: number;
  /** Frames copied into the database so far. */
  checkpointed: number;
}

/** One run of the store thread: from the need that started it to its idle stop (or its crash). */
export interface StoreThreadRun {
  worker: Worker;
  /** Resolves once the thread has exited. */
  ended: Promise<void>;
  readonly stopped: boolean;
  /** Ended without being asked to stop (killed, or an error in the thread); false until it has ended. */
  readonly crashed: boolean;
  /** The serving side of this run's journal-drain channel (journalDrainer.ts). */
  drainPort: MessagePort;
  /** [0]: the number of the last drain this run answered. */
  drainSignal: Int32Array;
}

export interface StoreThreadHost {
  /**
   * The running thread, started if none runs; null once shut down. Every call is work: the thread
   * stays at least `idleMs` after the last one.
   */
  use(): StoreThreadRun | null;
  /** The thread now taking work, if any (not one that is stopping). */
  readonly running: StoreThreadRun | null;
  /** Hears of each new run before anything is posted to it (each façade listens to its messages). */
  onStart(listener: (run: StoreThreadRun) => void): void;
  /** The thread is not stopped while one of these says work is pending. */
  holdWhile(busy: () => boolean): void;
  /** Runs started so far. */
  readonly starts: number;
  /** Runs asked to stop that have not exited yet. */
  readonly stopping: number;
  readonly shutDown: boolean;
  /** Ends the running thread at once, as a crash would (tests). */
  crash(): Promise<void>;
  /** Stops the running thread and waits for any still stopping; none starts after. */
  shutdown(): Promise<void>;
}

export interface HostOptions {
  /** Checkpoint period while the thread runs; also how often the serving side looks for writes and idleness. */
  checkpointIntervalMs: number;
  /** The thread stops after this long without work, once its last checkpoint is done. */
  idleMs: number;
  logger: Logger;
}

/** A run as the host holds it: with the way to stop it. */
interface Run extends StoreThreadRun {
  stop(finalCheckpoint: boolean): Promise<void>;
}

/**
 * Starts the store thread on first need and stops it when idle (PMP_STORE_THREAD_IDLE_MS). An
 * idle thread held ~10 MiB of RSS (its V8 isolate's 6 MiB heap, its stack, its connection and page
 * cache, its malloc arena) for a server nobody writes to. Needs: a drain, a compaction or a PRAGMA
 * (each façade calls `use`), and a checkpoint, owed once the serving connection has written.
 *
 * How the serving side knows it wrote: `SELECT total_changes()` on its connection each tick, a
 * counter SQLite keeps for free (rows written by this connection since it opened). Cheaper than
 * wrapping every write of the store modules, and exact, where the WAL file's size and mtime are
 * not (a reset WAL is rewritten at the same size, within one coarse clock tick). `PRAGMA
 * data_version` would not do: it ignores the connection's own commits. Writes by the store thread
 * itself are followed by its own checkpoints while it runs, and by the last one when it stops. At
 * creation, a WAL that already holds frames (a crash's, or this start's migrations) is owed a
 * checkpoint too.
 *
 * Measured on the bundled server restarted on provisioned data, 2 s after start with no client
 * (bench/scenarios/coldOpen.ts's baseline), 9 runs each, alternated: 85.5–95.6 MiB of RSS (median
 * 88.9) with the thread started at once, 75.9–80.3 MiB (median 78.4) without it. A run started by
 * a write (a login) added ~10.5 MiB; its idle stop gave back ~7.
 *
 * An idle stop asks the thread for a last checkpoint, then to close its connection. Work arriving
 * meanwhile starts a new run at once (with a new drain channel): nothing is ever posted to a
 * thread that is stopping. A last checkpoint that could not copy the whole WAL leaves a
 * checkpoint owed, so a new run starts at the next tick.
 */
export function storeThreadHost(db: Db, options: HostOptions): StoreThreadHost {
  const starters: ((run: StoreThreadRun) => void)[] = [];
  const holds: (() => boolean)[] = [];
  const stopping = new Set<Promise<void>>();
  let current: Run | null = null;
  let starts = 0;
  let shutDown = false;
  let lastUse = 0;
  const totalChanges = db.prepare('SELECT total_changes()').pluck() as Statement<[], number>;
  /** The serving connection's count at the last tick; -1: a checkpoint is owed whatever it does. */
  let changesSeen = walHoldsFrames(db.name) ? -1 : totalChanges.get()!;

  const start = (): Run => {
    const channel = new MessageChannel();
    const signal = new SharedArrayBuffer(4);
    const thread = startStoreWorker(
      storeThreadSource,
      db,
      { checkpointIntervalMs: options.checkpointIntervalMs, sql: documentSql, drain: { port: channel.port2, signal } },
      { name: 'store thread', logger: options.logger, transferList: [channel.port2] },
    );
    let stopAsked = false;
    const run: Run = {
      worker: thread.worker,
      ended: thread.ended,
      get stopped() {
        return thread.stopped;
      },
      get crashed() {
        return thread.stopped && !stopAsked;
      },
      drainPort: channel.port1,
      drainSignal: new Int32Array(signal),
      stop: (finalCheckpoint) => {
        stopAsked = true;
        return thread.stop({ finalCheckpoint });
      },
    };
    thread.worker.on('message', (message: { type: string; pass?: CheckpointPass | null }) => {
      if (message.type === 'final-pass' && !copiedWholeWal(message.pass ?? null)) changesSeen = -1;
    });
    void run.ended.then(() => {
      if (current === run) current = null;
    });
    return run;
  };
  const stop = (run: Run, finalCheckpoint: boolean): void => {
    if (current === run) current = null;
    const stopped: Promise<void> = run.stop(finalCheckpoint).finally(() => stopping.delete(stopped));
    stopping.add(stopped);
  };

  const use = (): StoreThreadRun | null => {
    if (shutDown) return null;
    lastUse = Date.now();
    if (!current) {
      current = start();
      starts++;
      for (const listener of starters) listener(current);
    }
    return current;
  };

  const tick = (): void => {
    // A database closed without shutting the host down (a test's): nothing left to look at.
    if (!db.open) return;
    const changes = totalChanges.get()!;
    if (changes !== changesSeen) {
      changesSeen = changes;
      use();
    } else if (current && Date.now() - lastUse >= options.idleMs && !holds.some((busy) => busy())) {
      stop(current, true);
    }
  };
  const timer = setInterval(tick, options.checkpointIntervalMs);
  timer.unref();

  return {
    use,
    get running() {
      return current;
    },
    onStart: (listener) => void starters.push(listener),
    holdWhile: (busy) => void holds.push(busy),
    get starts() {
      return starts;
    },
    get stopping() {
      return stopping.size;
    },
    get shutDown() {
      return shutDown;
    },
    async crash() {
      const run = current;
      if (!run) return;
      await run.worker.terminate();
      await run.ended;
    },
    async shutdown() {
      shutDown = true;
      clearInterval(timer);
      // At shutdown the serving connection, closing last, folds the whole WAL: no last pass here.
      if (current) stop(current, false);
      await Promise.all(stopping);
    },
  };
}

function copiedWholeWal(pass: CheckpointPass | null): boolean {
  return pass !== null && pass.busy === 0 && pass.checkpointed === pass.log;
}

function walHoldsFrames(databaseFile: string): boolean {
  try {
    return fs.statSync(`${databaseFile}-wal`).size > 0;
  } catch {
    return false;
  }
}
