import * as Y from 'yjs';
import fs from 'node:fs';
import { tempDir } from '../../test/helpers/testServer';
import { templateSectionIds, writeRealisticContent } from '../../fixtures/realisticDocument';
import { readProc } from '../lib/procStats';
import { pushDocument, syncedProvider } from '../lib/provision';
import { startOurs, startReference, type BenchServer, type ServerKind } from '../lib/servers';
import { slope } from '../lib/stats';

const MiB = 1024 * 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface OpenResult {
  server: ServerKind;
  pages: number;
  /** Encoded size of the document (Y.encodeStateAsUpdate), bytes. */
  documentBytes: number;
  /** New client, document not in the server's memory: from `new WebsocketProvider` to the whole content. */
  coldOpenMs: number[];
  /** Same, while another client keeps the document loaded. */
  warmOpenMs: number[];
  /** RSS of a fresh server process per loaded document: slope of RSS against documents loaded after a first one. */
  rssPerDocMiB: number;
  /** (RSS with every document loaded − idle RSS) / (copies + 1): includes the one-off costs of a first load. */
  rssMeanPerDocMiB: number;
  copies: number;
  baselineRssMiB: number;
}

/** The content of a `pages`-page document, as one update holding only section fragments. */
function contentUpdate(pages: number): Uint8Array {
  const doc = new Y.Doc();
  writeRealisticContent(doc, templateSectionIds('PMP'), pages, pages);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

/** Time from a new provider to the moment its document holds the server's whole state. */
async function timeToFullContent(server: BenchServer, doc: number, target: Uint8Array): Promise<number> {
  const start = performance.now();
  const ydoc = new Y.Doc();
  const complete = () => Buffer.compare(Buffer.from(Y.encodeStateVector(ydoc)), Buffer.from(target)) === 0;
  const done = new Promise<void>((resolve) => ydoc.on('update', () => complete() && resolve()));
  const provider = await syncedProvider(server.wsBase, server.room(doc), ydoc, server.params(0, doc));
  // The reference server answers before its storage has loaded: content may follow the sync.
  if (!complete()) await done;
  const elapsed = performance.now() - start;
  provider.destroy();
  ydoc.destroy();
  return elapsed;
}

/**
 * Loads `copies` + 1 documents one after the other in a fresh server process, reading its RSS
 * after each. The first pays the one-off costs of a first load (code compiled, SQLite's page
 * cache, the collector's first heap growth: 23 MiB for it against 8–10 for the next ones at
 * 100 pages) and is left out of the fit, as a point at x = 0 it would tilt the least-squares line
 * by a megabyte or more. What one more loaded document costs is then the slope of RSS against
 * the `copies` loaded after it. The mean over all of them, one-off costs included, is reported
 * beside it.
 */
async function memoryPerDocument(restart: () => Promise<BenchServer>, copies: number): Promise<{ perDoc: number; meanPerDoc: number; baseline: number }> {
  const server = await restart();
  try {
    await sleep(2_000);
    const baseline = readProc(server.pid).rssBytes;
    const holders: { destroy(): void }[] = [];
    const points: { x: number; y: number }[] = [];
    for (let d = 0; d <= copies; d++) {
      const ydoc = new Y.Doc();
      // One user per document: the server allows a user 12 connections.
      holders.push(await syncedProvider(server.wsBase, server.room(d), ydoc, server.params(d, d)), ydoc);
      await sleep(500);
      points.push({ x: d, y: readProc(server.pid).rssBytes });
    }
    await sleep(2_000);
    const loaded = readProc(server.pid).rssBytes;
    points.push({ x: copies, y: loaded });
    for (const h of holders) h.destroy();
    return { perDoc: slope(points) / MiB, meanPerDoc: (loaded - baseline) / (copies + 1) / MiB, baseline: baseline / MiB };
  } finally {
    await server.stop();
  }
}

/**
 * Cold and warm open of a `pages`-page document and memory per loaded document, for one server.
 * Our server unloads an idle document after PMP_DOC_IDLE_MS (200 ms here); the reference does
 * so at the last disconnect when it has persistence (YPERSISTENCE, LevelDB), used here for both
 * cold opens and the memory measure, so both servers load from their own storage.
 */
export async function runOpen(kind: ServerKind, pages: number, options: { copies: number; repeats: number }): Promise<OpenResult> {
  const update = contentUpdate(pages);
  const full = new Y.Doc();
  Y.applyUpdate(full, update);
  const documentBytes = Y.encodeStateAsUpdate(full).byteLength;
  full.destroy();
  const dataDir = tempDir('pmp-bench-open-');
  const idleMs = 200;
  // One more than measured: the first loaded in the memory measure pays its one-off costs.
  const docs = options.copies + 1;
  let restart: () => Promise<BenchServer>;
  let server: BenchServer;
  if (kind === 'ours') {
    const ours = await startOurs({ docs, users: docs, dataDir, env: { PMP_DOC_IDLE_MS: String(idleMs) } });
    restart = () => startOurs({ docs, users: docs, dataDir, existing: ours });
    server = ours;
  } else {
    server = await startReference({ docs, persistenceDir: dataDir });
    restart = () => startReference({ docs, persistenceDir: dataDir, seed: false });
  }
  const coldOpenMs: number[] = [];
  const warmOpenMs: number[] = [];
  try {
    let target: Uint8Array = new Uint8Array();
    for (let d = docs - 1; d >= 0; d--) target = await pushDocument(server.wsBase, server.room(d), update, server.params(0, d));
    // The client side of an open (applying half a megabyte to a new Y.Doc) is most of its time:
    // one unmeasured open first, so neither server is measured with this process's code still cold.
    await timeToFullContent(server, 0, target);
    for (let r = 0; r < options.repeats; r++) {
      await sleep(idleMs * 3);
      coldOpenMs.push(await timeToFullContent(server, 0, target));
    }
    const holderDoc = new Y.Doc();
    const holder = await syncedProvider(server.wsBase, server.room(0), holderDoc, server.params(0, 0));
    for (let r = 0; r < options.repeats; r++) warmOpenMs.push(await timeToFullContent(server, 0, target));
    holder.destroy();
    holderDoc.destroy();
  } finally {
    await server.stop();
  }
  let memory: Awaited<ReturnType<typeof memoryPerDocument>>;
  try {
    memory = await memoryPerDocument(restart, options.copies);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return {
    server: kind,
    pages,
    documentBytes,
    coldOpenMs,
    warmOpenMs,
    copies: options.copies,
    rssPerDocMiB: memory.perDoc,
    rssMeanPerDocMiB: memory.meanPerDoc,
    baselineRssMiB: memory.baseline,
  };
}
