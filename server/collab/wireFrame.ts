/**
 * A message as one complete WebSocket frame (RFC 6455 §5.2: FIN, binary opcode, unmasked as a
 * server sends it), built once however many peers it goes to. A broadcast then writes the same
 * bytes to each peer's socket in one write, instead of `ws` framing it again per peer (a header
 * allocated, cork, two writes, uncork): at 50 editors in one document, that framing was a fifth
 * of the cost of each delivery. Kept by message, so the frame lives as long as the message.
 */
const frames = new WeakMap<Uint8Array, Buffer>();

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
  const length = payload.byteLength;
  const headerLength = length < 126 ? 2 : length < 0x10000 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerLength + length);
  frame[0] = finBinary;
  if (length < 126) {
    frame[1] = length;
  } else if (length < 0x10000) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeUInt32BE(Math.floor(length / 0x100000000), 2);
    frame.writeUInt32BE(length >>> 0, 6);
  }
  frame.set(payload, headerLength);
  return frame;
}
