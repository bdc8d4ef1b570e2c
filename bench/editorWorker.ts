/**
 * A worker process hosting simulated editors: each is a real y-websocket client (Y.Doc +
 * WebsocketProvider) that types at human speed into its own paragraph. Every keystroke inserts
 * a token carrying its send time (`§<µs, 10 base36 digits> `, CLOCK_MONOTONIC, which all
 * processes of the machine share); every other editor reads the tokens out of the updates it
 * receives and records the delay once Yjs has applied them.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { randomInt, seededRandom } from '../fixtures/prng';
import type { EditorSpec, FromWorker, ToWorker, TypingPlan, TypingResult } from './lib/protocol';
import { record, type Histogram } from './lib/stats';
import { profileTyping } from './lib/typingProfile';

interface Editor {
  spec: EditorSpec;
  doc: Y.Doc;
  provider: WebsocketProvider;
  text: Y.XmlText | null;
}

// Each WebsocketProvider adds a process 'exit' listener; a worker hosts up to 50 of them.
process.setMaxListeners(0);

const editors: Editor[] = [];
const histogram: Histogram = {};
const fromProbes: Histogram = {};
const closeCodes: number[] = [];
let deliveries = 0;
let keystrokes = 0;
const keystrokesByRoom: Record<string, number> = {};
let reconnects = 0;
let typing = false;

const nowMicros = (): number => Number(process.hrtime.bigint() / 1000n);
const send = (message: FromWorker) => process.send!(message);
const tokenDigits = 10;
/** Tokens start with `§` (U+00A7), or `¶` (U+00B6) when a probe editor typed them: C2 A7 / C2 B6 in UTF-8. */
const markLead = 0xc2;
const crowdMark = 0xa7;
const probeMark = 0xb6;
const space = 0x20;
let hostsProbes = false;
const token = (micros: number) => `${hostsProbes ? '¶' : '§'}${micros.toString(36).padStart(tokenDigits, '0')} `;
let typingSince = Infinity;

/** Finds tokens in the raw bytes of an update (strings are UTF-8 in it); ignores look-alikes. */
function readTokens(update: Uint8Array, receivedAt: number): void {
  const bytes = Buffer.from(update.buffer, update.byteOffset, update.byteLength);
  for (let i = bytes.indexOf(markLead); i >= 0; i = bytes.indexOf(markLead, i + 1)) {
    const mark = bytes[i + 1];
    if (mark !== crowdMark && mark !== probeMark) continue;
    const start = i + 2;
    if (bytes[start + tokenDigits] !== space) continue;
    const digits = bytes.toString('latin1', start, start + tokenDigits);
    if (!/^[0-9a-z]+$/.test(digits)) continue;
    const sentAt = parseInt(digits, 36);
    if (sentAt < typingSince || sentAt > receivedAt) continue;
    record(histogram, receivedAt - sentAt);
    if (mark === probeMark) record(fromProbes, receivedAt - sentAt);
    deliveries++;
  }
}

function connect(spec: EditorSpec): Promise<void> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(spec.wsBase, spec.room, doc, {
    WebSocketPolyfill: WebSocket as never,
    params: spec.params,
    disableBc: true,
  });
  const editor: Editor = { spec, doc, provider, text: null };
  editors.push(editor);
  let wasConnected = false;
  provider.on('status', ({ status }) => {
    if (status === 'connected' && wasConnected) reconnects++;
    if (status === 'connected') wasConnected = true;
  });
  provider.on('connection-close', (event) => {
    if (event) closeCodes.push(event.code);
  });
  // Only updates typed during the run count: a resync after a reconnect would replay old tokens.
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (typing && origin === provider) readTokens(update, nowMicros());
  });
  provider.awareness.setLocalStateField('user', { name: `Éditeur ${spec.room.slice(0, 6)}`, color: '#000091' });
  return new Promise((resolve) => {
    const onSync = (isSynced: boolean) => {
      if (!isSynced) return;
      provider.off('sync', onSync);
      // The editor's own paragraph, as when someone clicks at the end of a section and types.
      const paragraph = new Y.XmlElement('paragraph');
      const text = new Y.XmlText();
      paragraph.insert(0, [text]);
      const fragment = doc.getXmlFragment(spec.fragment);
      fragment.insert(fragment.length, [paragraph]);
      editor.text = text;
      resolve();
    };
    provider.on('sync', onSync);
  });
}

async function typeAs(editor: Editor, plan: TypingPlan, random: () => number, until: number): Promise<void> {
  // No sleep outlives the run: every editor stops on time.
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, Math.min(ms, until - Date.now()))));
  // A random phase in the word-and-pause cycle, so the crowd is already in its steady state.
  const meanCycle =
    (plan.pauseMs[0] + plan.pauseMs[1]) / 2 + ((plan.wordLength[0] + plan.wordLength[1]) / 2) * ((plan.keystrokeMs[0] + plan.keystrokeMs[1]) / 2);
  await sleep(random() * (plan.steady ? plan.keystrokeMs[1] : meanCycle));
  while (Date.now() < until) {
    for (let k = randomInt(random, ...plan.wordLength); k > 0 && Date.now() < until; k--) {
      const text = editor.text!;
      text.insert(text.length, token(nowMicros()));
      keystrokes++;
      keystrokesByRoom[editor.spec.room] = (keystrokesByRoom[editor.spec.room] ?? 0) + 1;
      if (plan.caret) {
        const anchor = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, text.length));
        editor.provider.awareness.setLocalStateField('cursor', { anchor, head: anchor });
      }
      await sleep(randomInt(random, ...plan.keystrokeMs));
    }
    await sleep(plan.steady ? randomInt(random, ...plan.keystrokeMs) : randomInt(random, ...plan.pauseMs));
  }
}

async function runTyping(plan: TypingPlan): Promise<TypingResult> {
  // Each typing phase (the warm-up, then the measured one) reports only its own keystrokes.
  for (const h of [histogram, fromProbes]) for (const key of Object.keys(h)) delete h[Number(key)];
  for (const room of Object.keys(keystrokesByRoom)) delete keystrokesByRoom[room];
  keystrokes = 0;
  deliveries = 0;
  const cpuBefore = process.cpuUsage();
  const loopDelay = monitorEventLoopDelay({ resolution: 2 });
  loopDelay.enable();
  typing = true;
  // Workers start within a few milliseconds of each other: a token older than this is a look-alike.
  typingSince = nowMicros() - 1_000_000;
  const until = Date.now() + plan.durationMs;
  await Promise.all(editors.map((e, i) => typeAs(e, plan, seededRandom(plan.seed * 7919 + i), until)));
  // Let the last keystrokes reach everyone before comparing states.
  await new Promise((r) => setTimeout(r, 2_000));
  typing = false;
  loopDelay.disable();
  const cpu = process.cpuUsage(cpuBefore);
  const stateVectors: Record<string, string[]> = {};
  for (const e of editors) {
    (stateVectors[e.spec.room] ??= []).push(Buffer.from(Y.encodeStateVector(e.doc)).toString('base64'));
  }
  return {
    histogram,
    fromProbes,
    keystrokes,
    keystrokesByRoom,
    deliveries,
    reconnects,
    closeCodes,
    cpuMs: (cpu.user + cpu.system) / 1000,
    loopDelayP99Ms: loopDelay.percentile(99) / 1e6,
    stateVectors,
  };
}

/**
 * Connecting N editors to one document costs N² messages (each newcomer's paragraph and
 * presence reach everyone): typing starts once that wave has passed, or latencies would
 * measure the backlog of the setup.
 */
const eventLoopUtilization = performance.eventLoopUtilization.bind(performance);

async function settle(paragraphs: Record<string, number>, fragments: string[]): Promise<void> {
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const count = (doc: Y.Doc) => fragments.reduce((n, name) => n + doc.getXmlFragment(name).length, 0);
  const deadline = Date.now() + 180_000;
  while (!editors.every((e) => count(e.doc) >= (paragraphs[e.spec.room] ?? 0))) {
    if (Date.now() > deadline) throw new Error('editors never saw every paragraph');
    await sleep(200);
  }
  for (let last = eventLoopUtilization(); ; ) {
    await sleep(500);
    const now = eventLoopUtilization();
    if (eventLoopUtilization(now, last).utilization < 0.2 || Date.now() > deadline) return;
    last = now;
  }
}

process.on('message', (message: ToWorker) => {
  const fail = (error: unknown) => send({ type: 'error', message: String(error) });
  if (message.type === 'connect') {
    const start = Date.now();
    hostsProbes = message.probes;
    // A browser tab opens one connection at a time; 200 at once would only measure the SYN queue.
    (async () => {
      for (let i = 0; i < message.editors.length; i += 10) {
        await Promise.all(message.editors.slice(i, i + 10).map(connect));
      }
    })().then(() => send({ type: 'connected', ms: Date.now() - start }), fail);
  } else if (message.type === 'settle') {
    const start = Date.now();
    settle(message.paragraphs, message.fragments).then(() => send({ type: 'settled', ms: Date.now() - start }), fail);
  } else if (message.type === 'type') {
    profileTyping(hostsProbes ? 'probes' : 'crowd', () => runTyping(message.plan)).then((result) => send({ type: 'typed', result }), fail);
  } else {
    for (const e of editors) e.provider.destroy();
    process.exit(0);
  }
});
