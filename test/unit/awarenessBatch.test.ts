import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import { AwarenessBatch } from '../../server/collab/awarenessBatch';

afterEach(() => vi.useRealTimers());

describe('AwarenessBatch', () => {
  it('sends one message per window, carrying the latest state of every client that changed', () => {
    vi.useFakeTimers();
    const server = new awarenessProtocol.Awareness(new Y.Doc());
    const sent: Uint8Array[] = [];
    const batch = new AwarenessBatch(server, (m) => sent.push(m), () => 3);
    const a = new awarenessProtocol.Awareness(new Y.Doc());
    const b = new awarenessProtocol.Awareness(new Y.Doc());
    for (let caret = 0; caret < 5; caret++) {
      a.setLocalStateField('cursor', caret);
      awarenessProtocol.applyAwarenessUpdate(server, awarenessProtocol.encodeAwarenessUpdate(a, [a.clientID]), null);
      batch.add([a.clientID]);
    }
    b.setLocalStateField('cursor', 'b');
    awarenessProtocol.applyAwarenessUpdate(server, awarenessProtocol.encodeAwarenessUpdate(b, [b.clientID]), null);
    batch.add([b.clientID]);
    expect(sent).toHaveLength(0);
    vi.advanceTimersByTime(50);
    expect(sent).toHaveLength(1);

    const reader = new awarenessProtocol.Awareness(new Y.Doc());
    const decoder = decoding.createDecoder(sent[0]!);
    expect(decoding.readVarUint(decoder)).toBe(1);
    awarenessProtocol.applyAwarenessUpdate(reader, decoding.readVarUint8Array(decoder), null);
    expect(reader.getStates().get(a.clientID)).toEqual({ cursor: 4 });
    expect(reader.getStates().get(b.clientID)).toEqual({ cursor: 'b' });

    batch.add([a.clientID]);
    batch.dispose();
    vi.advanceTimersByTime(100);
    expect(sent).toHaveLength(1);
  });

  it('waits longer as the audience grows, one millisecond per peer from 50 to 250 ms', () => {
    vi.useFakeTimers();
    const server = new awarenessProtocol.Awareness(new Y.Doc());
    let peers = 10;
    const sent: Uint8Array[] = [];
    const batch = new AwarenessBatch(server, (m) => sent.push(m), () => peers);
    expect(batch.windowMs).toBe(50);
    peers = 200;
    expect(batch.windowMs).toBe(200);
    peers = 5000;
    expect(batch.windowMs).toBe(250);

    peers = 200;
    batch.add([server.clientID]);
    vi.advanceTimersByTime(199);
    expect(sent).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(sent).toHaveLength(1);
  });
});
