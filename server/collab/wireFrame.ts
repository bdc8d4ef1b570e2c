import type { Duplex } from 'node:stream';

/**
 * A message as one complete WebSocket frame (RFC 6455 §5.2: FIN, binary opcode, unmasked as a
 * server sends it), built once however many peers it goes to. A broadcast then writes the same
 * bytes to each peer's socket in one write, instead of `ws` framing it again per peer (a header
 * allocated, cork, two writes, uncork). Kept by message, so the frame lives as long as the
 * message.
 */
const frames = new WeakMap<Uint8Array, Buffer>();

/**
 * Past this size a message is not copied into a frame: a whole document's sync step goes to one
 * peer, and a copy would double its memory while it is sent. Its header and payload leave in
 * one corked write (writev), as `ws` does.
 */
const copyLimit = 16 * 1024;

/** Frames of a message followed by another, built once for every peer; kept by the first. */
const pairs = new WeakMap<Uint8Array, Buffer>();

/** Writes a message to an upgraded socket as one binary frame, and `then` as a second one in the same write. */
export function writeFrame(socket: Duplex, message: Uint8Array, then?: Uint8Array): void {
  if (then && message.byteLength + then.byteLength < copyLimit) {
    let pair = pairs.get(message);
    if (!pair) {
      pair = Buffer.concat([wireFrame(message), wireFrame(then)]);
      pairs.set(message, pair);
    }
    socket.write(pair);
    return;
  }
  if (then) {
    socket.cork();
    writeFrame(socket, message);
    writeFrame(socket, then);
    socket.uncork();
    return;
  }
  if (message.byteLength < copyLimit) {
    socket.write(wireFrame(message));
    return;
  }
  socket.cork();
  socket.write(frameHeader(message.byteLength));
  socket.write(message);
  socket.uncork();
}

export function wireFrame(message: Uint8Array): Buffer {
  let frame = frames.get(message);
  if (!frame) {
    frame = encodeFrame(message);
    frames.set(message, frame);
  }
  return frame;
}

const finBinary = 0x82;

export function encodeFrame(payload: Uint8Array): Buffer {
  const header = frameHeader(payload.byteLength);
  const frame = Buffer.allocUnsafe(header.byteLength + payload.byteLength);
  frame.set(header, 0);
  frame.set(payload, header.byteLength);
  return frame;
}

function frameHeader(length: number): Buffer {
  const header = Buffer.allocUnsafe(length < 126 ? 2 : length < 0x10000 ? 4 : 10);
  header[0] = finBinary;
  if (length < 126) {
    header[1] = length;
  } else if (length < 0x10000) {
    header[1] = 126;
    header.writeUInt16BE(length, 2);
  } else {
    header[1] = 127;
    header.writeUInt32BE(Math.floor(length / 0x100000000), 2);
    header.writeUInt32BE(length >>> 0, 6);
  }
  return header;
}
