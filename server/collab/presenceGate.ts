import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { limits } from '../../schemas/limits';

/** Who a connection's presence says it is: set by the server from the session. */
export interface PresenceUser {
  id: string;
  name: string;
  color: string;
}

/**
 * Presence (awareness) of one connection, as the server lets it through: one state per
 * connection (the client id of its first message; other ids are dropped), of at most
 * `presenceStateBytes`, whose `user` is the session's user whatever the client wrote. A
 * reader sending 20,000 fake states per message, or appearing under another name, otherwise
 * reached every peer.
 */
export class PresenceGate {
  private clientId: number | null = null;
  private readonly utf8 = new TextDecoder();

  /** `heldByOthers` says whether another connection of the document already controls a client id. */
  constructor(
    private readonly user: PresenceUser,
    private readonly heldByOthers: (clientId: number) => boolean,
  ) {}

  /** The client id this connection's presence is bound to, once it sent one. */
  get boundClientId(): number | null {
    return this.clientId;
  }

  /** The awareness update to apply in place of the client's, or null when nothing of it passes. */
  filter(update: Uint8Array): Uint8Array | null {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    const kept: { clientId: number; clock: number; state: string }[] = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      // Not decoded unless kept: y-websocket clients echo every state they receive.
      const bytes = decoding.readVarUint8Array(decoder);
      // The first state that is nobody else's is this connection's own.
      if (this.clientId === null && !this.heldByOthers(clientId)) this.clientId = clientId;
      if (clientId !== this.clientId || bytes.byteLength > limits.presenceStateBytes) continue;
      const state = this.withUser(this.utf8.decode(bytes));
      if (state !== undefined) kept.push({ clientId, clock, state });
    }
    if (kept.length === 0) return null;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, kept.length);
    for (const { clientId, clock, state } of kept) {
      encoding.writeVarUint(encoder, clientId);
      encoding.writeVarUint(encoder, clock);
      encoding.writeVarString(encoder, state);
    }
    return encoding.toUint8Array(encoder);
  }

  /** The state with the session's user, `null` (the client left) as is; undefined when not an object. */
  private withUser(json: string): string | undefined {
    let state: unknown;
    try {
      state = JSON.parse(json);
    } catch {
      return undefined;
    }
    if (state === null) return 'null';
    if (typeof state !== 'object' || Array.isArray(state)) return undefined;
    return JSON.stringify({ ...state, user: this.user });
  }
}

/**
 * At most `perSecond` messages a second; past it, the latest message waits for the next
 * second (a caret that stopped moving must still show where it stopped).
 */
export class PresenceRate {
  private windowStart = 0;
  private count = 0;
  private waiting: Uint8Array | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly perSecond: number,
    private readonly deliver: (update: Uint8Array) => void,
  ) {}

  offer(update: Uint8Array, now = Date.now()): void {
    if (now - this.windowStart >= 1000) {
      this.windowStart = now;
      this.count = 0;
    }
    if (this.count < this.perSecond && this.timer === null) {
      this.count++;
      this.deliver(update);
      return;
    }
    this.waiting = update;
    this.timer ??= setTimeout(
      () => {
        this.timer = null;
        const next = this.waiting;
        this.waiting = null;
        if (next) this.offer(next);
      },
      Math.max(1, this.windowStart + 1000 - now),
    );
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.waiting = null;
  }
}
