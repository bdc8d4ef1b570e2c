import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { fragmentName } from '../../schemas/docLayout';
import { templateSectionIds } from '../../fixtures/realisticDocument';
import { readProc } from '../lib/procStats';
import { startOurs, startReference, type BenchServer, type ServerKind } from '../lib/servers';

export interface BurstCase {
  editors: number;
  keystrokesPerEditor: number;
}

export interface BurstResult extends BurstCase {
  server: ServerKind;
  updates: number;
  /** From the first keystroke until a watching client holds every one of them. */
  drainMs: number;
  updatesPerSec: number;
  serverCpuMicrosPerUpdate: number;
}

const timeoutMs = 120_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Editors sending as fast as their connection takes it (a paste, a reconnection flushing what
 * was typed offline, a script): each of them inserts one character per turn of this process's
 * loop until it has typed its share, in its own paragraph of a section of one document (a text
 * outside the document layout would be refused by our update guard). Human typing never puts two
 * updates in one turn of the server; this does, on every turn.
 */
export async function runBurst(kind: ServerKind, burst: BurstCase): Promise<BurstResult> {
  const server = kind === 'ours' ? await startOurs({ docs: 1, users: Math.ceil(burst.editors / 10) }) : await startReference({ docs: 1 });
  try {
    return await measure(server, burst);
  } finally {
    await server.stop();
  }
}

async function measure(server: BenchServer, { editors, keystrokesPerEditor }: BurstCase): Promise<BurstResult> {
  // Each WebsocketProvider adds a process 'exit' listener; this process hosts editors + 1.
  process.setMaxListeners(Math.max(process.getMaxListeners(), editors + 10));
  const clients = Array.from({ length: editors + 1 }, (_, i) => {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(server.wsBase, server.room(0), doc, {
      WebSocketPolyfill: WebSocket as never,
      params: server.params(i, 0),
      disableBc: true,
    });
    return { doc, provider };
  });
  try {
    const connectedBy = Date.now() + timeoutMs;
    while (!clients.every((c) => c.provider.synced)) {
      if (Date.now() > connectedBy) throw new Error('burst: clients did not sync');
      await sleep(10);
    }
    const watcher = clients[editors]!;
    const sections = templateSectionIds();
    const texts = clients.slice(0, editors).map((c, i) => {
      const paragraph = new Y.XmlElement('paragraph');
      const text = new Y.XmlText();
      paragraph.insert(0, [text]);
      const fragment = fragmentName(sections[i % sections.length]!);
      const own = c.doc.getXmlFragment(fragment);
      own.insert(own.length, [paragraph]);
      return { text, fragment, client: c.doc.clientID };
    });
    // The watcher finds each editor's paragraph by its author: the only one that client wrote
    // there. Found once, before the clock starts, so the drain loop only reads lengths.
    const watchedText = ({ fragment, client }: (typeof texts)[number]): Y.XmlText | undefined => {
      const own = watcher.doc
        .getXmlFragment(fragment)
        .toArray()
        .find((node) => node instanceof Y.XmlElement && node._item?.id.client === client) as Y.XmlElement | undefined;
      return own?.get(0) as Y.XmlText | undefined;
    };
    const paragraphsBy = Date.now() + timeoutMs;
    let watched = texts.map(watchedText);
    while (!watched.every(Boolean)) {
      if (Date.now() > paragraphsBy) throw new Error('burst: the editors’ paragraphs did not reach the watcher');
      await sleep(10);
      watched = texts.map(watchedText);
    }
    const updates = editors * keystrokesPerEditor;
    const received = () => watched.reduce((n, text) => n + text!.length, 0);
    const cpuBefore = readProc(server.pid).cpuSeconds;
    const started = performance.now();
    await new Promise<void>((resolve) => {
      let typed = 0;
      const turn = () => {
        for (const { text } of texts) text.insert(text.length, 'x');
        if (++typed < keystrokesPerEditor) setImmediate(turn);
        else resolve();
      };
      turn();
    });
    const drainedBy = Date.now() + timeoutMs;
    while (received() < updates) {
      if (Date.now() > drainedBy) throw new Error(`burst: ${received()} of ${updates} updates arrived`);
      await sleep(5);
    }
    const drainMs = performance.now() - started;
    const cpuSeconds = readProc(server.pid).cpuSeconds - cpuBefore;
    return {
      server: server.kind,
      editors,
      keystrokesPerEditor,
      updates,
      drainMs,
      updatesPerSec: (updates * 1000) / drainMs,
      serverCpuMicrosPerUpdate: (cpuSeconds * 1e6) / updates,
    };
  } finally {
    for (const c of clients) {
      c.provider.destroy();
      // The provider leaves its awareness, whose timer keeps the process alive, to the doc.
      c.doc.destroy();
    }
  }
}
