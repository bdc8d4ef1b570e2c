import { MessageChannel, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { StoreWorker } from './storeWorker';

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
  /** Posts a drain; its answer goes to the listener given to `onAnswer`, in order. Throws once the thread has ended. */
  post(request: DrainRequest): number;
  onAnswer(listener: (answer: DrainAnswer) => void): void;
  /** Blocks until every posted drain is answered (an unresponsive thread: reported `lost` after `timeoutMs`). */
  settle(timeoutMs?: number): void;
  /** Drains posted and not answered yet. */
  readonly outstanding: number;
  /** False once the thread has ended: `post` would throw. */
  readonly alive: boolean;
}

/** What the store thread needs to answer drains: handed over in its workerData. */
export interface DrainChannel {
  port: MessagePort;
  /** Int32Array over it: [0] the last answered request's number. */
  signal: SharedArrayBuffer;
}

export function drainChannel(): { local: MessagePort; remote: DrainChannel } {
  const { port1, port2 } = new MessageChannel();
  return { local: port1, remote: { port: port2, signal: new SharedArrayBuffer(4) } };
}

export function journalDrainerOn(thread: StoreWorker, local: MessagePort, channel: DrainChannel): JournalDrainer {
  const signal = new Int32Array(channel.signal);
  const waiting = new Set<number>();
  let listener: (answer: DrainAnswer) => void = () => {};
  let lastSeq = 0;
  const dispatch = (answer: DrainAnswer): void => {
    if (!waiting.delete(answer.seq)) return;
    listener(answer);
  };
  const loseAll = (error: string): void => {
    for (const seq of [...waiting]) dispatch({ seq, ok: false, lost: true, error });
  };
  local.on('message', dispatch);
  // The port alone never keeps the process alive (the thread does not either: storeWorker.ts).
  local.unref();
  void thread.ended.then(() => {
    // Answers sent before the thread ended are still in the port.
    for (let message = receiveMessageOnPort(local); message; message = receiveMessageOnPort(local)) dispatch(message.message as DrainAnswer);
    loseAll('store thread stopped');
  });
  return {
    post(request) {
      if (thread.stopped) throw new Error('store thread stopped');
      const seq = ++lastSeq;
      waiting.add(seq);
      thread.worker.postMessage({ type: 'drain', seq, ...request });
      return seq;
    },
    onAnswer(next) {
      listener = next;
    },
    settle(timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (waiting.size > 0) {
        for (let message = receiveMessageOnPort(local); message; message = receiveMessageOnPort(local)) dispatch(message.message as DrainAnswer);
        if (waiting.size === 0) return;
        const left = deadline - Date.now();
        if (thread.stopped || left <= 0) return loseAll(thread.stopped ? 'store thread stopped' : `store thread silent for ${timeoutMs} ms`);
        // The thread posts an answer, then bumps the counter: once it has moved, the answer is in the port.
        const answered = Atomics.load(signal, 0);
        if (answered < lastSeq) Atomics.wait(signal, 0, answered, Math.min(left, 50));
      }
    },
    get outstanding() {
      return waiting.size;
    },
    get alive() {
      return !thread.stopped;
    },
  };
}
