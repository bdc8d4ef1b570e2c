import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import { MessageType } from './messageType';

/**
 * Presence changes are broadcast in batches, every `windowMs` at most, instead of one message
 * per change. On a busy document each caret move (one per keystroke) and each 15-second
 * heartbeat went to every peer, and every y-websocket client sends each awareness message it
 * receives back to the server: with 200 editors on one document, presence was two thirds of
 * the server's CPU (bench/RESULTS.md). A batch carries the latest state of every client that
 * changed in the window, so nothing is lost, and carets move at most one window later.
 *
 * The window grows with the audience: each batch costs one message to every peer and one echo
 * from each, so a room of N peers gets a window of N ms (at most 250), which keeps presence
 * traffic near a thousand messages a second whatever the room's size. Carets of a 200-editor
 * document move up to 200 ms late; document updates are never delayed. No floor: in a room of
 * ten, a 50 ms floor held back most carets of a team typing together and sent each in a
 * message of its own at the window's end, a second wake-up of the server and of every peer
 * per keystroke (a quarter of the server's CPU with a keystroke every 40 ms in a room of four,
 * bench/RESULTS.md, 01/12/2026).
 *
 * A change that comes after a quiet window goes out at the end of the same turn of the event
 * loop (a leading edge): in a quiet room a caret then travels with the keystroke that moved it,
 * as without batching, instead of waking every editor a second time at the window's end. Not
 * at once: a keystroke's update and its caret arrive together, the update is broadcast when its
 * commit ends the turn (GroupCommit, also setImmediate, scheduled first), and it must leave
 * first: a caret sent ahead of it made every peer decode presence before the keystroke.
 */
const maxWindowMs = 250;

export class AwarenessBatch {
  private readonly pending = new Set<number>();
  private timer: NodeJS.Timeout | null = null;
  private endOfTurn: NodeJS.Immediate | null = null;
  private lastSentAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly awareness: awarenessProtocol.Awareness,
    private readonly broadcast: (message: Uint8Array) => void,
    private readonly audience: () => number,
  ) {}

  /** Milliseconds a presence change may wait, for the current audience. */
  get windowMs(): number {
    return Math.min(maxWindowMs, this.audience());
  }

  add(clients: number[]): void {
    for (const id of clients) this.pending.add(id);
    if (this.timer || this.endOfTurn) return;
    const wait = this.lastSentAt + this.windowMs - Date.now();
    if (wait <= 0) this.endOfTurn = setImmediate(this.flush);
    else this.timer = setTimeout(this.flush, wait);
  }

  readonly flush = (): void => {
    const message = this.take();
    if (message) this.broadcast(message);
  };

  /**
   * The message due at the end of this turn (a change after a quiet window), now, for the
   * caller to send with the document update it broadcasts in the same turn: one write to each
   * peer's socket for the keystroke and its caret instead of two. Null when none is due then.
   */
  takeDueThisTurn(): Uint8Array | null {
    return this.endOfTurn ? this.take() : null;
  }

  private take(): Uint8Array | null {
    this.cancel();
    if (this.pending.size === 0) return null;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.awareness);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.pending]));
    this.pending.clear();
    this.lastSentAt = Date.now();
    return encoding.toUint8Array(encoder);
  }

  dispose(): void {
    this.cancel();
    this.pending.clear();
  }

  private cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.endOfTurn) clearImmediate(this.endOfTurn);
    this.timer = null;
    this.endOfTurn = null;
  }
}
