import { describe, expect, it } from 'vitest';
import * as ws from 'ws';
import { Writable } from 'node:stream';
import { encodeFrame, wireFrame, writeFrame } from '../../server/collab/wireFrame';

/** ws's own framing and parsing (exported by ws, not declared by @types/ws). */
const { Sender, Receiver } = ws as unknown as {
  Sender: { frame(data: Buffer, options: object): Buffer[] };
  Receiver: new (
    options: object,
  ) => {
    on(event: 'message', listener: (data: Buffer, isBinary: boolean) => void): void;
    write(chunk: Buffer, callback: (error?: Error | null) => void): boolean;
  };
};

const payload = (length: number) => Uint8Array.from({ length }, (_, i) => (i * 31 + 7) & 0xff);

describe('wire frame', () => {
  // Each length encoding of RFC 6455 §5.2, at and around its limits.
  it.each([0, 1, 125, 126, 127, 65_535, 65_536, 300_000])('frames %i bytes as ws frames a binary message to a client', (length) => {
    const bytes = payload(length);
    const expected = Buffer.concat(Sender.frame(Buffer.from(bytes), { fin: true, opcode: 2, mask: false, readOnly: false, rsv1: false }));
    expect(encodeFrame(bytes).equals(expected)).toBe(true);
  });

  it('is read back whole by a client’s receiver, two frames in one chunk', async () => {
    const receiver = new Receiver({ isServer: false });
    const got: Buffer[] = [];
    receiver.on('message', (data, isBinary) => {
      expect(isBinary).toBe(true);
      got.push(data);
    });
    const chunk = Buffer.concat([encodeFrame(payload(70_000)), encodeFrame(payload(3))]);
    await new Promise<void>((resolve, reject) => receiver.write(chunk, (error) => (error ? reject(error) : resolve())));
    expect(got.map((b) => b.byteLength)).toEqual([70_000, 3]);
    expect(new Uint8Array(got[0]!)).toEqual(payload(70_000));
  });

  it('writes a small message as its cached frame, and a large one (a document) without copying it', async () => {
    const chunks: Buffer[] = [];
    const socket = new Writable({
      writev(list, callback) {
        for (const { chunk } of list) chunks.push(chunk as Buffer);
        callback();
      },
      write(chunk, _encoding, callback) {
        chunks.push(chunk as Buffer);
        callback();
      },
    });
    const small = payload(100);
    writeFrame(socket as never, small);
    expect(chunks).toEqual([wireFrame(small)]);

    const large = payload(200_000);
    writeFrame(socket as never, large);
    await new Promise((resolve) => setImmediate(resolve));
    expect(Buffer.concat(chunks.slice(1)).equals(encodeFrame(large))).toBe(true);
    expect(chunks[2]!.buffer).toBe(large.buffer);
  });

  it('builds a broadcast message’s frame once for all its peers', () => {
    const message = payload(40);
    expect(wireFrame(message)).toBe(wireFrame(message));
    expect(wireFrame(payload(40))).not.toBe(wireFrame(message));
  });
});
