import { receiveMessageOnPort } from 'node:worker_threads';
import type { StoreThreadHost, StoreThreadRun } from './storeThreadHost';

/** A stretch of the update journal to move into `doc_updates`, with the drain mark, in one transaction. */
export interface DrainRequest {
  file: string;
  generation: number;
  /** Offset of its first record: the drain mark must be there, or the move is refused (out of order). */
  from: number;
  /** Offset just past its last record: the mark once moved. */
  to: number;
  records: number;
}

export type DrainAnswer =
  | { seq: number; ok: true }
  /**
   * The database refused the move (full, read-only…); or, `unreadable`, the thread could not take
   * the stretch from the file (a record that fails its CRC, a mark elsewhere): nothing was moved.
   */
  | { seq: number; ok: false; error: string; unreadable: boolean }
  /** The store thread ended or stopped answering: the move may or may not have been committed. */
  | { seq: number; ok: false; lost: true; error: string };

/**
 * The serving thread's side of the journal drain in the store thread (storeThread.ts): it posts
 * stretches of the journal (offsets, not bytes: the thread reads them from the file, in the OS
 * cache) and hears back. Requests go through the thread's message queue, so a compaction asked
 * after a drain runs after it. `settle` blocks until every posted drain is answered, for the
 * moments the serving thread must know the database holds everything (a compaction of its own,
 * shutdown): the thread signals each answer through shared memory (Atomics) and the answers are
 * read from their own port synchronously.
 */
export interface JournalDrainer {
  /** Posts a drain (starting the thread if none runs); its answer goes to the listener given to `onAnswer`, in order. Throws once a thread has crashed, or after shutdown. */
  post(request: DrainRequest): number;
  onAnswer(listener: (answer: DrainAnswer) => void): void;
  /** Blocks until every posted drain is answered (an unresponsive thread: reported `lost` after `timeoutMs`). */
  settle(timeoutMs?: number): void;
  /** Drains posted and not answered yet. */
  readonly outstanding: number;
  /** False once a thread has crashed, or after shutdown: `post` would throw. */
  readonly alive: boolean;
}

/**
 * The drainer over the store thread's runs (storeThreadHost.ts): a post starts a run if none is
 * running, and each run has its own channel. Sequence numbers go on across runs. A run stops
 * when idle only once every drain it was asked is answered; a run that crashes has its
 * unanswered drains reported `lost`, and from then on `post` throws: the serving thread drains,
 * as it did before the thread could be restarted.
 */
export function journalDrainerOn(host: StoreThreadHost): JournalDrainer {
  /** Posted and not answered yet, with the run each went to. */
  const waiting = new Map<number, StoreThreadRun>();
  let listener: (answer: DrainAnswer) => void = () => {};
  let lastSeq = 0;
  let crashed = false;
  const dispatch = (answer: DrainAnswer): void => {
    if (!waiting.delete(answer.seq)) return;
    listener(answer);
  };
  const receive = (run: StoreThreadRun): void => {
    for (let message = receiveMessageOnPort(run.drainPort); message; message = receiveMessageOnPort(run.drainPort)) dispatch(message.message as DrainAnswer);
  };
  const lose = (error: string, of?: StoreThreadRun): void => {
    for (const [seq, run] of [...waiting]) if (!of || run === of) dispatch({ seq, ok: false, lost: true, error });
  };
  host.onStart((run) => {
    run.drainPort.on('message', dispatch);
    // The port alone never keeps the process alive (the thread does not either: storeWorker.ts).
    run.drainPort.unref();
    void run.ended.then(() => {
      if (run.crashed) crashed = true;
      // Answers sent before the thread ended are still in the port.
      receive(run);
      lose('store thread stopped', run);
      run.drainPort.close();
    });
  });
  host.holdWhile(() => waiting.size > 0);
  return {
    post(request) {
      const run = crashed ? null : host.use();
      if (!run || run.stopped) throw new Error('store thread stopped');
      const seq = ++lastSeq;
      waiting.set(seq, run);
      run.worker.postMessage({ type: 'drain', seq, ...request });
      return seq;
    },
    onAnswer(next) {
      listener = next;
    },
    settle(timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (waiting.size > 0) {
        const runs = new Set(waiting.values());
        for (const run of runs) receive(run);
        if (waiting.size === 0) return;
        const left = deadline - Date.now();
        const [run] = [...waiting.values()];
        if (run!.stopped || left <= 0) return lose(run!.stopped ? 'store thread stopped' : `store thread silent for ${timeoutMs} ms`);
        // The thread posts an answer, then bumps the counter: once it has moved, the answer is in the port.
        const answered = Atomics.load(run!.drainSignal, 0);
        if (answered < lastSeq) Atomics.wait(run!.drainSignal, 0, answered, Math.min(left, 50));
      }
    },
    get outstanding() {
      return waiting.size;
    },
    get alive() {
      return !crashed && !host.shutDown;
    },
  };
}
