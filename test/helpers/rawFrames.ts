import * as encoding from 'lib0/encoding';

/**
 * WebSocket frames written by hand (RFC 6455 §5.2), to send what no well-behaved client
 * library would: bad opcodes, unmasked frames, oversized control frames, lying lengths.
 */
export const Opcode = { continuation: 0x0, text: 0x1, binary: 0x2, close: 0x8, ping: 0x9, pong: 0xa } as const;

export function clientFrame(payload: Uint8Array, options: { opcode?: number; fin?: boolean; rsv?: number; masked?: boolean; mask?: Uint8Array } = {}): Buffer {
  const { opcode = Opcode.binary, fin = true, rsv = 0, masked = true } = options;
  const mask = options.mask ?? Buffer.from([0x12, 0x34, 0x56, 0x78]);
  const length = payload.length;
  const header: number[] = [(fin ? 0x80 : 0) | ((rsv & 0x7) << 4) | (opcode & 0xf)];
  const maskBit = masked ? 0x80 : 0;
  if (length < 126) header.push(maskBit | length);
  else if (length < 65536) header.push(maskBit | 126, length >> 8, length & 0xff);
  else {
    header.push(maskBit | 127, 0, 0, 0, 0);
    header.push((length >>> 24) & 0xff, (length >>> 16) & 0xff, (length >>> 8) & 0xff, length & 0xff);
  }
  const body = Buffer.from(payload);
  if (masked) for (let i = 0; i < body.length; i++) body[i]! ^= mask[i % 4]!;
  return Buffer.concat([Buffer.from(header), ...(masked ? [Buffer.from(mask)] : []), body]);
}

/** A y-websocket message: top-level type, then fields written with lib0. */
export function message(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** Sync step 1 with an empty state vector: the server answers with sync step 2. */
export const probeMessage = (): Uint8Array =>
  message((e) => {
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint8Array(e, new Uint8Array([0]));
  });
