import * as encoding from 'lib0/encoding';
import { limits } from '../../schemas/limits';
import { pick, randomInt } from '../../fixtures/prng';
import { clientFrame, message, Opcode } from './rawFrames';

/** One hostile frame and what the server must do with it. */
export interface BadFrame {
  category: string;
  /** A y-websocket message sent as one binary frame, or raw bytes written to the socket. */
  bytes: Uint8Array;
  raw: boolean;
  /** Close codes allowed; 'open' = the connection may survive (the frame is harmless). */
  expect: (number | 'open')[];
}

const varUint = (n: number) => message((e) => encoding.writeVarUint(e, n));
const concat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts.map((p) => Buffer.from(p))));
const bytesOf = (random: () => number, n: number) => Uint8Array.from({ length: n }, () => randomInt(random, 0, 255));
/** A varuint whose last byte still says "more follows". */
const truncatedVarUint = (random: () => number) => Uint8Array.from({ length: randomInt(random, 1, 6) }, () => randomInt(random, 0x80, 0xff));

/** Application-level garbage: well-formed WebSocket frames carrying broken y-websocket messages. */
function messageFrame(random: () => number): BadFrame {
  const sync = varUint(0);
  const update = varUint(2);
  const kinds: (() => Omit<BadFrame, 'raw'>)[] = [
    () => ({
      category: 'truncated varint',
      bytes: pick(random, [truncatedVarUint(random), concat(sync, truncatedVarUint(random)), concat(sync, update, truncatedVarUint(random))]),
      expect: [4400],
    }),
    () => ({
      category: 'unknown message type',
      bytes: concat(varUint(randomInt(random, 4, 2 ** 31)), bytesOf(random, randomInt(random, 0, 8))),
      expect: [4400],
    }),
    () => ({
      category: 'unknown sync type',
      bytes: concat(sync, varUint(randomInt(random, 3, 2 ** 20)), bytesOf(random, randomInt(random, 0, 8))),
      expect: [4400],
    }),
    () => ({
      category: 'huge length',
      bytes: concat(
        pick(random, [concat(sync, update), concat(sync, varUint(1)), varUint(1), concat(sync, varUint(0))]),
        varUint(pick(random, [2 ** 31 - 1, 2 ** 40, 2 ** 53 - 1, 5_000_000])),
        bytesOf(random, randomInt(random, 0, 32)),
      ),
      expect: [4400],
    }),
    () => {
      // Decoding starts with a struct count; ≥ 1 keeps random bytes from reading as a no-op.
      const body = concat(varUint(randomInt(random, 1, 3)), bytesOf(random, randomInt(random, 1, 64)));
      return { category: 'invalid Yjs update', bytes: concat(sync, pick(random, [update, varUint(1)]), varUint(body.length), body), expect: [4400] };
    },
    () => ({
      category: 'broken awareness',
      bytes: concat(varUint(1), varUint(randomInt(random, 1, 40)), bytesOf(random, randomInt(random, 1, 40))),
      expect: [4400],
    }),
    () => ({ category: 'random bytes', bytes: bytesOf(random, randomInt(random, 1, 200)), expect: [4400, 'open'] }),
  ];
  return { ...pick(random, kinds)(), raw: false };
}

/** Protocol-level garbage, written straight to the socket: `ws` answers with its own codes. */
function rawFrame(random: () => number): BadFrame {
  const payload = bytesOf(random, randomInt(random, 1, 20));
  const kinds: (() => Omit<BadFrame, 'raw'>)[] = [
    () => ({ category: 'unmasked frame', bytes: clientFrame(payload, { masked: false }), expect: [1002] }),
    () => ({ category: 'reserved opcode', bytes: clientFrame(payload, { opcode: pick(random, [0x3, 0x4, 0x5, 0xb, 0xf]) }), expect: [1002] }),
    () => ({ category: 'reserved bits', bytes: clientFrame(payload, { rsv: randomInt(random, 1, 7) }), expect: [1002] }),
    () => ({ category: 'continuation without start', bytes: clientFrame(payload, { opcode: Opcode.continuation }), expect: [1002] }),
    () => ({ category: 'fragmented control frame', bytes: clientFrame(payload, { opcode: Opcode.ping, fin: false }), expect: [1002] }),
    () => ({ category: 'oversized control frame', bytes: clientFrame(bytesOf(random, 126), { opcode: Opcode.ping }), expect: [1002] }),
    () => ({ category: 'invalid UTF-8 text', bytes: clientFrame(Uint8Array.from([0xc3, 0x28, 0xff]), { opcode: Opcode.text }), expect: [1007] }),
    () => ({ category: 'text frame', bytes: clientFrame(new TextEncoder().encode('{"type":"sync"}'), { opcode: Opcode.text }), expect: [4400] }),
    () => ({ category: 'declared length over maxPayload', bytes: overMaxPayloadHeader(), expect: [1009] }),
  ];
  return { ...pick(random, kinds)(), raw: true };
}

/** A binary frame header declaring one byte more than maxPayload: `ws` refuses it before any payload. */
export function overMaxPayloadHeader(): Uint8Array {
  const declared = limits.wsMaxMessageBytes + 1;
  return Uint8Array.from([0x82, 0xff, 0, 0, 0, 0, (declared >>> 24) & 0xff, (declared >>> 16) & 0xff, (declared >>> 8) & 0xff, declared & 0xff, 1, 2, 3, 4]);
}

/** `count` hostile frames drawn from a seeded generator: one in four is protocol-level. */
export function badFrames(random: () => number, count: number): BadFrame[] {
  return Array.from({ length: count }, () => (random() < 0.25 ? rawFrame(random) : messageFrame(random)));
}
