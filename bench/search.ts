/**
 * The search's text extraction (server/queries/documentTextIndex.ts), measured on the demo PMP
 * and on realistic documents of 20 and 100 pages: building the text of a document not loaded
 * (from its stored Yjs state), a search answered from the cache, and a search after an edit.
 * It decided the index: extraction on demand with a cache dropped by each update, no FTS5
 * table. Run alone: `node --import tsx bench/search.ts`.
 */
import * as Y from 'yjs';
import { realisticDocument } from '../fixtures/realisticDocument';
import type { LiveDocuments } from '../server/liveDocuments';
import { DocumentTextIndex } from '../server/queries/documentTextIndex';
import { startServer } from '../server/app';
import { loadConfig } from '../server/config';
import { demoPassword } from '../server/seed/demo';
import { findMatches } from '../schemas/textSearch';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { demoPmpTitle } from '../server/seed/demoContent';

const noneLoaded: LiveDocuments = {
  isLoaded: () => false,
  get: () => {
    throw new Error('not loaded');
  },
  onLoad: () => {},
};
const ms = (from: bigint): number => Number(process.hrtime.bigint() - from) / 1e6;
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function measure(label: string, state: Uint8Array): void {
  const documents = { load: () => ({ snapshot: state, updates: [] }) } as unknown as ConstructorParameters<typeof DocumentTextIndex>[1];
  const cold: number[] = [];
  let units = 0;
  let chars = 0;
  for (let i = 0; i < 7; i += 1) {
    const index = new DocumentTextIndex(noneLoaded, documents);
    const start = process.hrtime.bigint();
    const found = index.live('p', () => undefined);
    cold.push(ms(start));
    units = found.length;
    chars = found.reduce((n, u) => n + u.text.length, 0);
  }
  const index = new DocumentTextIndex(noneLoaded, documents);
  const found = index.live('p', () => undefined);
  const warm: number[] = [];
  for (let i = 0; i < 21; i += 1) {
    const start = process.hrtime.bigint();
    for (const unit of index.live('p', () => undefined)) findMatches(unit.text, 'téléradiologie', unit.folded);
    warm.push(ms(start));
  }
  console.log(
    `${label}: ${state.byteLength} octets d’état, ${units} textes, ${chars} caractères — extraction ${median(cold).toFixed(1)} ms (médiane de 7), recherche en cache ${median(warm).toFixed(2)} ms (médiane de 21), ${found.length} textes`,
  );
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pmp-bench-search-'));
  const server = await startServer({ ...loadConfig({}), port: 0, host: '127.0.0.1', dataDir, demo: true, logLevel: 'silent' });
  try {
    const pmp = server.deps.store.projects.list().find((p) => p.title === demoPmpTitle)!;
    measure('PMP de démonstration', Y.encodeStateAsUpdate(server.deps.registry.get(pmp.id).doc));
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'claire.martin@demo.ght.fr', password: demoPassword }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const times: number[] = [];
    for (let i = 0; i < 21; i += 1) {
      const start = process.hrtime.bigint();
      await (await fetch(`${server.url}/api/search?q=t%C3%A9l%C3%A9radiologie`, { headers: { cookie } })).json();
      times.push(ms(start));
    }
    console.log(`GET /api/search sur la démo (HTTP compris) : ${median(times).toFixed(1)} ms (médiane de 21)`);
  } finally {
    await server.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  for (const pages of [20, 100]) measure(`Document réaliste de ${pages} pages`, Y.encodeStateAsUpdate(realisticDocument(pages)));
}

await main();
