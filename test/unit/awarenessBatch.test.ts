import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import { AwarenessBatch } from '../../server/collab/awarenessBatch';

afterEach(() => vi.useRealTimers());

/** The presence states a batch message carries, as a client would read them. */
function statesIn(message: Uint8Array): Map<number, unknown> {
  const reader = new awarenessProtocol.Awareness(new Y.Doc());
  const decoder = decoding.createDecoder(message);
  expect(decoding.readVarUint(decoder)).toBe(1);
  awarenessProtocol.applyAwarenessUpdate(reader, decoding.readVarUint8Array(decoder), null);
  return reader.getStates();
}

describe('AwarenessBatch', () => {
  it('sends a change after a quiet window at the end of the turn, then one message per window with the latest state of every client that changed', () => {
    vi.useFakeTimers();
    const server = new awarenessProtocol.Awareness(new Y.Doc());
    const sent: Uint8Array[] = [];
    const batch = new AwarenessBatch(
      server,
      (m) => sent.push(m),
      () => 50,
    );
    const a = new awarenessProtocol.Awareness(new Y.Doc());
    const b = new awarenessProtocol.Awareness(new Y.Doc());
    const move = (who: awarenessProtocol.Awareness, cursor: unknown) => {
      who.setLocalStateField('cursor', cursor);
      awarenessProtocol.applyAwarenessUpdate(server, awarenessProtocol.encodeAwarenessUpdate(who, [who.clientID]), null);
      batch.add([who.clientID]);
    };
    move(a, 0);
    expect(sent).toHaveLength(0);
    vi.advanceTimersByTime(0);
    expect(sent).toHaveLength(1);
    expect(statesIn(sent[0]!).get(a.clientID)).toEqual({ cursor: 0 });

    for (let caret = 1; caret < 5; caret++) move(a, caret);
    move(b, 'b');
    vi.advanceTimersByTime(49);
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sent).toHaveLength(2);
    expect(statesIn(sent[1]!).get(a.clientID)).toEqual({ cursor: 4 });
    expect(statesIn(sent[1]!).get(b.clientID)).toEqual({ cursor: 'b' });

    // Right after a batch the window starts again; a quiet one lets the next change through.
    move(a, 5);
    expect(sent).toHaveLength(2);
    vi.advanceTimersByTime(50);
    expect(sent).toHaveLength(3);
    vi.advanceTimersByTime(50);
    move(b, 'b2');
    vi.advanceTimersByTime(0);
    expect(sent).toHaveLength(4);

    move(a, 6);
    batch.dispose();
    vi.advanceTimersByTime(100);
    expect(sent).toHaveLength(4);
  });

  it('waits longer as the audience grows, one millisecond per peer up to 250 ms', () => {
    vi.useFakeTimers();
    const server = new awarenessProtocol.Awareness(new Y.Doc());
    let peers = 10;
    const sent: Uint8Array[] = [];
    const batch = new AwarenessBatch(
      server,
      (m) => sent.push(m),
      () => peers,
    );
    expect(batch.windowMs).toBe(10);
    peers = 200;
    expect(batch.windowMs).toBe(200);
    peers = 5000;
    expect(batch.windowMs).toBe(250);

    peers = 200;
    batch.add([server.clientID]);
    vi.advanceTimersByTime(0);
    expect(sent).toHaveLength(1);
    batch.add([server.clientID]);
    vi.advanceTimersByTime(199);
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sent).toHaveLength(2);
  });

  it('in a small room, sends each caret of people typing at human speed with its keystroke, none at a window’s end', () => {
    vi.useFakeTimers();
    const server = new awarenessProtocol.Awareness(new Y.Doc());
    const sent: Uint8Array[] = [];
    const batch = new AwarenessBatch(
      server,
      (m) => sent.push(m),
      () => 4,
    );
    // Four people typing together: a caret every 40 ms in the room.
    for (let keystroke = 1; keystroke <= 20; keystroke++) {
      batch.add([server.clientID]);
      vi.advanceTimersByTime(0);
      expect(sent).toHaveLength(keystroke);
      vi.advanceTimersByTime(40);
    }
  });
});
