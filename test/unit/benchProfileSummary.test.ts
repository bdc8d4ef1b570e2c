import { describe, expect, it } from 'vitest';
import { summarise } from '../../bench/lib/profileSummary';

const frame = (functionName: string, url = '') => ({ functionName, url, lineNumber: 0, columnNumber: 0 });

/** root → ws receiver → Y.applyUpdate → send (a broadcast made from inside the apply), and a guard call beside it. */
const profile = {
  nodes: [
    { id: 1, callFrame: frame('(root)'), children: [2, 6, 7] },
    { id: 2, callFrame: frame('startLoop', 'file:///x/node_modules/ws/lib/receiver.js'), children: [3, 5] },
    { id: 3, callFrame: frame('applyUpdate', 'file:///x/node_modules/yjs/dist/yjs.mjs'), children: [4] },
    { id: 4, callFrame: frame('send', 'file:///x/node_modules/ws/lib/websocket.js'), children: [] },
    { id: 5, callFrame: frame('decodeUpdate', 'file:///x/node_modules/yjs/dist/yjs.mjs'), children: [] },
    { id: 6, callFrame: frame('(idle)'), children: [] },
    { id: 7, callFrame: frame('(garbage collector)'), children: [] },
  ],
  startTime: 1_000,
  endTime: 2_000,
  // One sample every 100 µs from t = 1 100: applyUpdate, send, decodeUpdate, idle, GC, then the same again.
  samples: [3, 4, 5, 6, 7, 3, 4, 5, 6, 7],
  timeDeltas: [100, 100, 100, 100, 100, 100, 100, 100, 100, 100],
};

describe('the bench profile summary', () => {
  it('charges each sample to the innermost part that claims it, and counts only the window', () => {
    // Window [1 100, 1 600): the first five samples; the last of them (GC) stands for 100 µs too.
    const summary = summarise(profile, 1_100, 1_600);
    expect(Object.fromEntries(summary.byCategory)).toEqual({
      'Yjs apply (both servers)': 100,
      'broadcast (framing, socket writes)': 100,
      guard: 100,
      'garbage collector': 100,
    });
    // Idle time is not busy time.
    expect(summary.busyUs).toBe(400);
  });
});
